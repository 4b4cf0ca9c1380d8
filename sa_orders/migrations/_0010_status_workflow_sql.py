"""The SQL of migration 0010, frozen as it was when the migration was written (generated
from sa_orders.models.status_triggers on that day).

Never edit this to change the workflow: write a new migration.
tests/services/test_status_workflow.py checks that the frozen SQL is what the models say.
"""

TRIGGERS = {
    "postgresql": [
        """CREATE FUNCTION sa_orders_order_status_workflow() RETURNS trigger LANGUAGE plpgsql AS $body$
BEGIN
RAISE EXCEPTION USING ERRCODE = 'check_violation', MESSAGE = 'sa_orders: the status of an order cannot change so (pending -> paid -> shipped; pending or paid -> cancelled)',
    DETAIL = format('order %s: %s -> %s', OLD.id, OLD.status, NEW.status);
END
$body$""",
        """CREATE TRIGGER sa_orders_order_status_workflow BEFORE UPDATE OF status ON sa_orders_order FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status AND NOT ((OLD.status = 'pending' AND NEW.status IN ('paid', 'cancelled')) OR (OLD.status = 'paid' AND NEW.status IN ('shipped', 'cancelled')))) EXECUTE FUNCTION sa_orders_order_status_workflow()""",
    ],
    "mysql": [
        """CREATE TRIGGER sa_orders_order_status_workflow BEFORE UPDATE ON sa_orders_order FOR EACH ROW
BEGIN
IF OLD.status <> NEW.status AND NOT ((OLD.status = 'pending' AND NEW.status IN ('paid', 'cancelled')) OR (OLD.status = 'paid' AND NEW.status IN ('shipped', 'cancelled'))) THEN
SIGNAL SQLSTATE '23000' SET MYSQL_ERRNO = 4025, MESSAGE_TEXT = 'sa_orders: the status of an order cannot change so (pending -> paid -> shipped; pending or paid -> cancelled)';
END IF;
END""",
    ],
    "sqlite": [
        """CREATE TRIGGER sa_orders_order_status_workflow BEFORE UPDATE OF status ON sa_orders_order FOR EACH ROW
WHEN OLD.status IS NOT NEW.status AND NOT ((OLD.status = 'pending' AND NEW.status IN ('paid', 'cancelled')) OR (OLD.status = 'paid' AND NEW.status IN ('shipped', 'cancelled')))
BEGIN
SELECT RAISE(ABORT, 'sa_orders: the status of an order cannot change so (pending -> paid -> shipped; pending or paid -> cancelled)');
END""",
    ],
}
DROP_TRIGGERS = {
    "postgresql": [
        """DROP TRIGGER IF EXISTS sa_orders_order_status_workflow ON sa_orders_order""",
        """DROP FUNCTION IF EXISTS sa_orders_order_status_workflow()""",
    ],
    "mysql": [
        """DROP TRIGGER IF EXISTS sa_orders_order_status_workflow""",
    ],
    "sqlite": [
        """DROP TRIGGER IF EXISTS sa_orders_order_status_workflow""",
    ],
}
