"""The SQL of migration 0004, frozen as it was when the migration was written (generated
from sa_orders.models.triggers and sa_orders.services.kept on that day).

Never edit this to change a trigger: write a new migration. tests/models/test_triggers.py
checks that the latest frozen triggers are what the models say.
"""

TRIGGERS = {
    "postgresql": [
        """CREATE FUNCTION sa_orders_customer_after_insert() RETURNS trigger
LANGUAGE plpgsql AS $body$
BEGIN
INSERT INTO sa_orders_customer_figures (customer_id) SELECT id FROM new_rows;
RETURN NULL;
END
$body$""",
        """CREATE TRIGGER sa_orders_customer_after_insert AFTER INSERT ON sa_orders_customer REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION sa_orders_customer_after_insert()""",
        """CREATE FUNCTION sa_orders_order_after_insert() RETURNS trigger LANGUAGE plpgsql AS $body$
DECLARE
    window_start timestamptz;
    window_end timestamptz;
BEGIN
INSERT INTO sa_orders_order_figures (order_id) SELECT id FROM new_rows;
SELECT starts_at, ends_at INTO window_start, window_end
FROM sa_orders_recent_window WHERE id = 1 FOR SHARE;
WITH changes AS (SELECT customer_id, order_date, status, total_amount, 1 AS sign FROM new_rows),
per_customer AS (
    SELECT customer_id,
           sum(sign) AS orders,
           sum(CASE WHEN status IN ('paid', 'shipped') AND order_date >= window_start AND order_date < window_end THEN sign ELSE 0 END) AS recent_orders,
           sum(CASE WHEN status IN ('paid', 'shipped') AND order_date >= window_start AND order_date < window_end THEN sign * total_amount ELSE 0 END) AS recent_revenue
    FROM changes GROUP BY customer_id
)
UPDATE sa_orders_customer_figures AS figures
SET order_count = figures.order_count + per_customer.orders,
    recent_orders = figures.recent_orders + per_customer.recent_orders,
    recent_revenue = figures.recent_revenue + per_customer.recent_revenue
FROM per_customer
WHERE figures.customer_id = per_customer.customer_id
  AND (per_customer.orders <> 0 OR per_customer.recent_orders <> 0
       OR per_customer.recent_revenue <> 0);
WITH changes AS (SELECT customer_id, order_date, status, total_amount, 1 AS sign FROM new_rows)
INSERT INTO sa_orders_order_rollup AS rollup (bucket, status, orders, revenue)
SELECT CAST(floor(extract(epoch FROM order_date) / 900) AS BIGINT), status,
       sum(sign), sum(sign * total_amount)
FROM changes GROUP BY 1, 2
HAVING sum(sign) <> 0 OR sum(sign * total_amount) <> 0
ORDER BY 1, 2
ON CONFLICT (bucket, status) DO UPDATE
SET orders = rollup.orders + excluded.orders, revenue = rollup.revenue + excluded.revenue;
WITH changes AS (SELECT customer_id, order_date, status, total_amount, 1 AS sign FROM new_rows)
INSERT INTO sa_orders_status_count AS counts (status, orders)
SELECT status, sum(sign) FROM changes GROUP BY status HAVING sum(sign) <> 0 ORDER BY status
ON CONFLICT (status) DO UPDATE SET orders = counts.orders + excluded.orders;
RETURN NULL;
END
$body$""",
        """CREATE TRIGGER sa_orders_order_after_insert AFTER INSERT ON sa_orders_order REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION sa_orders_order_after_insert()""",
        """CREATE FUNCTION sa_orders_order_after_update() RETURNS trigger LANGUAGE plpgsql AS $body$
DECLARE
    window_start timestamptz;
    window_end timestamptz;
BEGIN
SELECT starts_at, ends_at INTO window_start, window_end
FROM sa_orders_recent_window WHERE id = 1 FOR SHARE;
WITH changes AS (SELECT customer_id, order_date, status, total_amount, 1 AS sign FROM new_rows UNION ALL SELECT customer_id, order_date, status, total_amount, -1 AS sign FROM old_rows),
per_customer AS (
    SELECT customer_id,
           sum(sign) AS orders,
           sum(CASE WHEN status IN ('paid', 'shipped') AND order_date >= window_start AND order_date < window_end THEN sign ELSE 0 END) AS recent_orders,
           sum(CASE WHEN status IN ('paid', 'shipped') AND order_date >= window_start AND order_date < window_end THEN sign * total_amount ELSE 0 END) AS recent_revenue
    FROM changes GROUP BY customer_id
)
UPDATE sa_orders_customer_figures AS figures
SET order_count = figures.order_count + per_customer.orders,
    recent_orders = figures.recent_orders + per_customer.recent_orders,
    recent_revenue = figures.recent_revenue + per_customer.recent_revenue
FROM per_customer
WHERE figures.customer_id = per_customer.customer_id
  AND (per_customer.orders <> 0 OR per_customer.recent_orders <> 0
       OR per_customer.recent_revenue <> 0);
WITH changes AS (SELECT customer_id, order_date, status, total_amount, 1 AS sign FROM new_rows UNION ALL SELECT customer_id, order_date, status, total_amount, -1 AS sign FROM old_rows)
INSERT INTO sa_orders_order_rollup AS rollup (bucket, status, orders, revenue)
SELECT CAST(floor(extract(epoch FROM order_date) / 900) AS BIGINT), status,
       sum(sign), sum(sign * total_amount)
FROM changes GROUP BY 1, 2
HAVING sum(sign) <> 0 OR sum(sign * total_amount) <> 0
ORDER BY 1, 2
ON CONFLICT (bucket, status) DO UPDATE
SET orders = rollup.orders + excluded.orders, revenue = rollup.revenue + excluded.revenue;
WITH changes AS (SELECT customer_id, order_date, status, total_amount, 1 AS sign FROM new_rows UNION ALL SELECT customer_id, order_date, status, total_amount, -1 AS sign FROM old_rows)
INSERT INTO sa_orders_status_count AS counts (status, orders)
SELECT status, sum(sign) FROM changes GROUP BY status HAVING sum(sign) <> 0 ORDER BY status
ON CONFLICT (status) DO UPDATE SET orders = counts.orders + excluded.orders;
RETURN NULL;
END
$body$""",
        """CREATE TRIGGER sa_orders_order_after_update AFTER UPDATE ON sa_orders_order REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION sa_orders_order_after_update()""",
        """CREATE FUNCTION sa_orders_order_after_delete() RETURNS trigger LANGUAGE plpgsql AS $body$
DECLARE
    window_start timestamptz;
    window_end timestamptz;
BEGIN
SELECT starts_at, ends_at INTO window_start, window_end
FROM sa_orders_recent_window WHERE id = 1 FOR SHARE;
WITH changes AS (SELECT customer_id, order_date, status, total_amount, -1 AS sign FROM old_rows),
per_customer AS (
    SELECT customer_id,
           sum(sign) AS orders,
           sum(CASE WHEN status IN ('paid', 'shipped') AND order_date >= window_start AND order_date < window_end THEN sign ELSE 0 END) AS recent_orders,
           sum(CASE WHEN status IN ('paid', 'shipped') AND order_date >= window_start AND order_date < window_end THEN sign * total_amount ELSE 0 END) AS recent_revenue
    FROM changes GROUP BY customer_id
)
UPDATE sa_orders_customer_figures AS figures
SET order_count = figures.order_count + per_customer.orders,
    recent_orders = figures.recent_orders + per_customer.recent_orders,
    recent_revenue = figures.recent_revenue + per_customer.recent_revenue
FROM per_customer
WHERE figures.customer_id = per_customer.customer_id
  AND (per_customer.orders <> 0 OR per_customer.recent_orders <> 0
       OR per_customer.recent_revenue <> 0);
WITH changes AS (SELECT customer_id, order_date, status, total_amount, -1 AS sign FROM old_rows)
INSERT INTO sa_orders_order_rollup AS rollup (bucket, status, orders, revenue)
SELECT CAST(floor(extract(epoch FROM order_date) / 900) AS BIGINT), status,
       sum(sign), sum(sign * total_amount)
FROM changes GROUP BY 1, 2
HAVING sum(sign) <> 0 OR sum(sign * total_amount) <> 0
ORDER BY 1, 2
ON CONFLICT (bucket, status) DO UPDATE
SET orders = rollup.orders + excluded.orders, revenue = rollup.revenue + excluded.revenue;
WITH changes AS (SELECT customer_id, order_date, status, total_amount, -1 AS sign FROM old_rows)
INSERT INTO sa_orders_status_count AS counts (status, orders)
SELECT status, sum(sign) FROM changes GROUP BY status HAVING sum(sign) <> 0 ORDER BY status
ON CONFLICT (status) DO UPDATE SET orders = counts.orders + excluded.orders;
RETURN NULL;
END
$body$""",
        """CREATE TRIGGER sa_orders_order_after_delete AFTER DELETE ON sa_orders_order REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION sa_orders_order_after_delete()""",
        """CREATE FUNCTION sa_orders_order_item_after_insert() RETURNS trigger LANGUAGE plpgsql AS $body$
BEGIN
WITH changes AS (SELECT order_id, 1 AS sign FROM new_rows),
per_order AS (
    SELECT order_id, sum(sign) AS lines FROM changes GROUP BY order_id HAVING sum(sign) <> 0
)
UPDATE sa_orders_order_figures AS figures SET line_count = figures.line_count + per_order.lines
FROM per_order WHERE figures.order_id = per_order.order_id;
RETURN NULL;
END
$body$""",
        """CREATE TRIGGER sa_orders_order_item_after_insert AFTER INSERT ON sa_orders_order_item REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION sa_orders_order_item_after_insert()""",
        """CREATE FUNCTION sa_orders_order_item_after_update() RETURNS trigger LANGUAGE plpgsql AS $body$
BEGIN
WITH changes AS (SELECT order_id, 1 AS sign FROM new_rows UNION ALL SELECT order_id, -1 AS sign FROM old_rows),
per_order AS (
    SELECT order_id, sum(sign) AS lines FROM changes GROUP BY order_id HAVING sum(sign) <> 0
)
UPDATE sa_orders_order_figures AS figures SET line_count = figures.line_count + per_order.lines
FROM per_order WHERE figures.order_id = per_order.order_id;
RETURN NULL;
END
$body$""",
        """CREATE TRIGGER sa_orders_order_item_after_update AFTER UPDATE ON sa_orders_order_item REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION sa_orders_order_item_after_update()""",
        """CREATE FUNCTION sa_orders_order_item_after_delete() RETURNS trigger LANGUAGE plpgsql AS $body$
BEGIN
WITH changes AS (SELECT order_id, -1 AS sign FROM old_rows),
per_order AS (
    SELECT order_id, sum(sign) AS lines FROM changes GROUP BY order_id HAVING sum(sign) <> 0
)
UPDATE sa_orders_order_figures AS figures SET line_count = figures.line_count + per_order.lines
FROM per_order WHERE figures.order_id = per_order.order_id;
RETURN NULL;
END
$body$""",
        """CREATE TRIGGER sa_orders_order_item_after_delete AFTER DELETE ON sa_orders_order_item REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION sa_orders_order_item_after_delete()""",
    ],
    "mysql": [
        """CREATE TRIGGER sa_orders_customer_after_insert AFTER INSERT ON sa_orders_customer FOR EACH ROW
BEGIN
INSERT INTO sa_orders_customer_figures (customer_id) VALUES (NEW.id);
END""",
        """CREATE TRIGGER sa_orders_customer_before_delete BEFORE DELETE ON sa_orders_customer
FOR EACH ROW
BEGIN
INSERT INTO sa_orders_order_rollup (bucket, status, orders, revenue)
SELECT ((TO_DAYS(o.order_date) - 719528) * 96 + HOUR(o.order_date) * 4 + FLOOR(MINUTE(o.order_date) / 15)), o.status, -COUNT(*), -SUM(o.total_amount) FROM sa_orders_order AS o WHERE o.customer_id = OLD.id
GROUP BY 1, 2
ON DUPLICATE KEY UPDATE orders = orders + VALUES(orders), revenue = revenue + VALUES(revenue);
INSERT INTO sa_orders_status_count (status, orders)
SELECT o.status, -COUNT(*) FROM sa_orders_order AS o WHERE o.customer_id = OLD.id GROUP BY o.status
ON DUPLICATE KEY UPDATE orders = orders + VALUES(orders);
END""",
        """CREATE TRIGGER sa_orders_order_after_insert AFTER INSERT ON sa_orders_order FOR EACH ROW
BEGIN
DECLARE window_start DATETIME(6);
DECLARE window_end DATETIME(6);
DECLARE CONTINUE HANDLER FOR NOT FOUND BEGIN END;
SELECT starts_at, ends_at INTO window_start, window_end
FROM sa_orders_recent_window WHERE id = 1 LOCK IN SHARE MODE;
INSERT INTO sa_orders_order_figures (order_id) VALUES (NEW.id);
UPDATE sa_orders_customer_figures
SET order_count = order_count + 1,
    recent_orders = recent_orders + IF(COALESCE((NEW.status IN ('paid', 'shipped') AND NEW.order_date >= window_start AND NEW.order_date < window_end), 0), 1, 0),
    recent_revenue = recent_revenue + IF(COALESCE((NEW.status IN ('paid', 'shipped') AND NEW.order_date >= window_start AND NEW.order_date < window_end), 0), NEW.total_amount, 0)
WHERE customer_id = NEW.customer_id;
INSERT INTO sa_orders_order_rollup (bucket, status, orders, revenue)
VALUES (((TO_DAYS(NEW.order_date) - 719528) * 96 + HOUR(NEW.order_date) * 4 + FLOOR(MINUTE(NEW.order_date) / 15)), NEW.status, +1, +NEW.total_amount)
ON DUPLICATE KEY UPDATE orders = orders + VALUES(orders), revenue = revenue + VALUES(revenue);
INSERT INTO sa_orders_status_count (status, orders) VALUES (NEW.status, +1)
ON DUPLICATE KEY UPDATE orders = orders + VALUES(orders);
END""",
        """CREATE TRIGGER sa_orders_order_item_after_insert AFTER INSERT ON sa_orders_order_item FOR EACH ROW
BEGIN
UPDATE sa_orders_order_figures SET line_count = line_count + 1 WHERE order_id = NEW.order_id;
END""",
        """CREATE TRIGGER sa_orders_order_after_update AFTER UPDATE ON sa_orders_order FOR EACH ROW
BEGIN
DECLARE window_start DATETIME(6);
DECLARE window_end DATETIME(6);
DECLARE CONTINUE HANDLER FOR NOT FOUND BEGIN END;
SELECT starts_at, ends_at INTO window_start, window_end
FROM sa_orders_recent_window WHERE id = 1 LOCK IN SHARE MODE;
IF NOT (NEW.customer_id <=> OLD.customer_id AND NEW.status <=> OLD.status AND NEW.order_date <=> OLD.order_date AND NEW.total_amount <=> OLD.total_amount) THEN
UPDATE sa_orders_customer_figures
SET order_count = order_count - 1,
    recent_orders = recent_orders - IF(COALESCE((OLD.status IN ('paid', 'shipped') AND OLD.order_date >= window_start AND OLD.order_date < window_end), 0), 1, 0),
    recent_revenue = recent_revenue - IF(COALESCE((OLD.status IN ('paid', 'shipped') AND OLD.order_date >= window_start AND OLD.order_date < window_end), 0), OLD.total_amount, 0)
WHERE customer_id = OLD.customer_id;
INSERT INTO sa_orders_order_rollup (bucket, status, orders, revenue)
VALUES (((TO_DAYS(OLD.order_date) - 719528) * 96 + HOUR(OLD.order_date) * 4 + FLOOR(MINUTE(OLD.order_date) / 15)), OLD.status, -1, -OLD.total_amount)
ON DUPLICATE KEY UPDATE orders = orders + VALUES(orders), revenue = revenue + VALUES(revenue);
INSERT INTO sa_orders_status_count (status, orders) VALUES (OLD.status, -1)
ON DUPLICATE KEY UPDATE orders = orders + VALUES(orders);
UPDATE sa_orders_customer_figures
SET order_count = order_count + 1,
    recent_orders = recent_orders + IF(COALESCE((NEW.status IN ('paid', 'shipped') AND NEW.order_date >= window_start AND NEW.order_date < window_end), 0), 1, 0),
    recent_revenue = recent_revenue + IF(COALESCE((NEW.status IN ('paid', 'shipped') AND NEW.order_date >= window_start AND NEW.order_date < window_end), 0), NEW.total_amount, 0)
WHERE customer_id = NEW.customer_id;
INSERT INTO sa_orders_order_rollup (bucket, status, orders, revenue)
VALUES (((TO_DAYS(NEW.order_date) - 719528) * 96 + HOUR(NEW.order_date) * 4 + FLOOR(MINUTE(NEW.order_date) / 15)), NEW.status, +1, +NEW.total_amount)
ON DUPLICATE KEY UPDATE orders = orders + VALUES(orders), revenue = revenue + VALUES(revenue);
INSERT INTO sa_orders_status_count (status, orders) VALUES (NEW.status, +1)
ON DUPLICATE KEY UPDATE orders = orders + VALUES(orders);
END IF;
END""",
        """CREATE TRIGGER sa_orders_order_item_after_update AFTER UPDATE ON sa_orders_order_item FOR EACH ROW
BEGIN
IF NOT (NEW.order_id <=> OLD.order_id) THEN
UPDATE sa_orders_order_figures SET line_count = line_count - 1 WHERE order_id = OLD.order_id;
UPDATE sa_orders_order_figures SET line_count = line_count + 1 WHERE order_id = NEW.order_id;
END IF;
END""",
        """CREATE TRIGGER sa_orders_order_after_delete AFTER DELETE ON sa_orders_order FOR EACH ROW
BEGIN
DECLARE window_start DATETIME(6);
DECLARE window_end DATETIME(6);
DECLARE CONTINUE HANDLER FOR NOT FOUND BEGIN END;
SELECT starts_at, ends_at INTO window_start, window_end
FROM sa_orders_recent_window WHERE id = 1 LOCK IN SHARE MODE;
UPDATE sa_orders_customer_figures
SET order_count = order_count - 1,
    recent_orders = recent_orders - IF(COALESCE((OLD.status IN ('paid', 'shipped') AND OLD.order_date >= window_start AND OLD.order_date < window_end), 0), 1, 0),
    recent_revenue = recent_revenue - IF(COALESCE((OLD.status IN ('paid', 'shipped') AND OLD.order_date >= window_start AND OLD.order_date < window_end), 0), OLD.total_amount, 0)
WHERE customer_id = OLD.customer_id;
INSERT INTO sa_orders_order_rollup (bucket, status, orders, revenue)
VALUES (((TO_DAYS(OLD.order_date) - 719528) * 96 + HOUR(OLD.order_date) * 4 + FLOOR(MINUTE(OLD.order_date) / 15)), OLD.status, -1, -OLD.total_amount)
ON DUPLICATE KEY UPDATE orders = orders + VALUES(orders), revenue = revenue + VALUES(revenue);
INSERT INTO sa_orders_status_count (status, orders) VALUES (OLD.status, -1)
ON DUPLICATE KEY UPDATE orders = orders + VALUES(orders);
END""",
        """CREATE TRIGGER sa_orders_order_item_after_delete AFTER DELETE ON sa_orders_order_item FOR EACH ROW
BEGIN
UPDATE sa_orders_order_figures SET line_count = line_count - 1 WHERE order_id = OLD.order_id;
END""",
    ],
    "sqlite": [
        """CREATE TRIGGER sa_orders_customer_after_insert AFTER INSERT ON sa_orders_customer FOR EACH ROW BEGIN
INSERT INTO sa_orders_customer_figures (customer_id) VALUES (NEW.id);
END""",
        """CREATE TRIGGER sa_orders_order_after_insert AFTER INSERT ON sa_orders_order
FOR EACH ROW BEGIN
INSERT INTO sa_orders_order_figures (order_id) VALUES (NEW.id);
UPDATE sa_orders_customer_figures
SET order_count = order_count + 1,
    recent_orders = recent_orders + (CASE WHEN (NEW.status IN ('paid', 'shipped') AND NEW.order_date >= (SELECT starts_at FROM sa_orders_recent_window WHERE id = 1) AND NEW.order_date < (SELECT ends_at FROM sa_orders_recent_window WHERE id = 1)) THEN 1 ELSE 0 END),
    recent_revenue = recent_revenue + (CASE WHEN (NEW.status IN ('paid', 'shipped') AND NEW.order_date >= (SELECT starts_at FROM sa_orders_recent_window WHERE id = 1) AND NEW.order_date < (SELECT ends_at FROM sa_orders_recent_window WHERE id = 1)) THEN CAST(round((NEW.total_amount) * 100) AS INTEGER) ELSE 0 END)
WHERE customer_id = NEW.customer_id;
INSERT INTO sa_orders_order_rollup (bucket, status, orders, revenue)
VALUES ((CAST(julianday(substr(NEW.order_date, 1, 10)) - 2440587.5 AS INTEGER) * 96 + CAST(substr(NEW.order_date, 12, 2) AS INTEGER) * 4 + CAST(substr(NEW.order_date, 15, 2) AS INTEGER) / 15), NEW.status, +1, +CAST(round((NEW.total_amount) * 100) AS INTEGER))
ON CONFLICT (bucket, status) DO UPDATE
SET orders = orders + excluded.orders, revenue = revenue + excluded.revenue;
INSERT INTO sa_orders_status_count (status, orders) VALUES (NEW.status, +1)
ON CONFLICT (status) DO UPDATE SET orders = orders + excluded.orders;
END""",
        """CREATE TRIGGER sa_orders_order_item_after_insert AFTER INSERT ON sa_orders_order_item
FOR EACH ROW BEGIN
UPDATE sa_orders_order_figures SET line_count = line_count + 1 WHERE order_id = NEW.order_id;
END""",
        """CREATE TRIGGER sa_orders_order_after_update AFTER UPDATE ON sa_orders_order
FOR EACH ROW WHEN NOT (NEW.customer_id IS OLD.customer_id AND NEW.status IS OLD.status AND NEW.order_date IS OLD.order_date AND NEW.total_amount IS OLD.total_amount) BEGIN
UPDATE sa_orders_customer_figures
SET order_count = order_count - 1,
    recent_orders = recent_orders - (CASE WHEN (OLD.status IN ('paid', 'shipped') AND OLD.order_date >= (SELECT starts_at FROM sa_orders_recent_window WHERE id = 1) AND OLD.order_date < (SELECT ends_at FROM sa_orders_recent_window WHERE id = 1)) THEN 1 ELSE 0 END),
    recent_revenue = recent_revenue - (CASE WHEN (OLD.status IN ('paid', 'shipped') AND OLD.order_date >= (SELECT starts_at FROM sa_orders_recent_window WHERE id = 1) AND OLD.order_date < (SELECT ends_at FROM sa_orders_recent_window WHERE id = 1)) THEN CAST(round((OLD.total_amount) * 100) AS INTEGER) ELSE 0 END)
WHERE customer_id = OLD.customer_id;
INSERT INTO sa_orders_order_rollup (bucket, status, orders, revenue)
VALUES ((CAST(julianday(substr(OLD.order_date, 1, 10)) - 2440587.5 AS INTEGER) * 96 + CAST(substr(OLD.order_date, 12, 2) AS INTEGER) * 4 + CAST(substr(OLD.order_date, 15, 2) AS INTEGER) / 15), OLD.status, -1, -CAST(round((OLD.total_amount) * 100) AS INTEGER))
ON CONFLICT (bucket, status) DO UPDATE
SET orders = orders + excluded.orders, revenue = revenue + excluded.revenue;
INSERT INTO sa_orders_status_count (status, orders) VALUES (OLD.status, -1)
ON CONFLICT (status) DO UPDATE SET orders = orders + excluded.orders;
UPDATE sa_orders_customer_figures
SET order_count = order_count + 1,
    recent_orders = recent_orders + (CASE WHEN (NEW.status IN ('paid', 'shipped') AND NEW.order_date >= (SELECT starts_at FROM sa_orders_recent_window WHERE id = 1) AND NEW.order_date < (SELECT ends_at FROM sa_orders_recent_window WHERE id = 1)) THEN 1 ELSE 0 END),
    recent_revenue = recent_revenue + (CASE WHEN (NEW.status IN ('paid', 'shipped') AND NEW.order_date >= (SELECT starts_at FROM sa_orders_recent_window WHERE id = 1) AND NEW.order_date < (SELECT ends_at FROM sa_orders_recent_window WHERE id = 1)) THEN CAST(round((NEW.total_amount) * 100) AS INTEGER) ELSE 0 END)
WHERE customer_id = NEW.customer_id;
INSERT INTO sa_orders_order_rollup (bucket, status, orders, revenue)
VALUES ((CAST(julianday(substr(NEW.order_date, 1, 10)) - 2440587.5 AS INTEGER) * 96 + CAST(substr(NEW.order_date, 12, 2) AS INTEGER) * 4 + CAST(substr(NEW.order_date, 15, 2) AS INTEGER) / 15), NEW.status, +1, +CAST(round((NEW.total_amount) * 100) AS INTEGER))
ON CONFLICT (bucket, status) DO UPDATE
SET orders = orders + excluded.orders, revenue = revenue + excluded.revenue;
INSERT INTO sa_orders_status_count (status, orders) VALUES (NEW.status, +1)
ON CONFLICT (status) DO UPDATE SET orders = orders + excluded.orders;
END""",
        """CREATE TRIGGER sa_orders_order_item_after_update AFTER UPDATE ON sa_orders_order_item
FOR EACH ROW WHEN NEW.order_id IS NOT OLD.order_id BEGIN
UPDATE sa_orders_order_figures SET line_count = line_count - 1 WHERE order_id = OLD.order_id;
UPDATE sa_orders_order_figures SET line_count = line_count + 1 WHERE order_id = NEW.order_id;
END""",
        """CREATE TRIGGER sa_orders_order_after_delete AFTER DELETE ON sa_orders_order
FOR EACH ROW BEGIN
UPDATE sa_orders_customer_figures
SET order_count = order_count - 1,
    recent_orders = recent_orders - (CASE WHEN (OLD.status IN ('paid', 'shipped') AND OLD.order_date >= (SELECT starts_at FROM sa_orders_recent_window WHERE id = 1) AND OLD.order_date < (SELECT ends_at FROM sa_orders_recent_window WHERE id = 1)) THEN 1 ELSE 0 END),
    recent_revenue = recent_revenue - (CASE WHEN (OLD.status IN ('paid', 'shipped') AND OLD.order_date >= (SELECT starts_at FROM sa_orders_recent_window WHERE id = 1) AND OLD.order_date < (SELECT ends_at FROM sa_orders_recent_window WHERE id = 1)) THEN CAST(round((OLD.total_amount) * 100) AS INTEGER) ELSE 0 END)
WHERE customer_id = OLD.customer_id;
INSERT INTO sa_orders_order_rollup (bucket, status, orders, revenue)
VALUES ((CAST(julianday(substr(OLD.order_date, 1, 10)) - 2440587.5 AS INTEGER) * 96 + CAST(substr(OLD.order_date, 12, 2) AS INTEGER) * 4 + CAST(substr(OLD.order_date, 15, 2) AS INTEGER) / 15), OLD.status, -1, -CAST(round((OLD.total_amount) * 100) AS INTEGER))
ON CONFLICT (bucket, status) DO UPDATE
SET orders = orders + excluded.orders, revenue = revenue + excluded.revenue;
INSERT INTO sa_orders_status_count (status, orders) VALUES (OLD.status, -1)
ON CONFLICT (status) DO UPDATE SET orders = orders + excluded.orders;
END""",
        """CREATE TRIGGER sa_orders_order_item_after_delete AFTER DELETE ON sa_orders_order_item
FOR EACH ROW BEGIN
UPDATE sa_orders_order_figures SET line_count = line_count - 1 WHERE order_id = OLD.order_id;
END""",
    ],
}

DROP_TRIGGERS = {
    "postgresql": [
        """DROP TRIGGER sa_orders_order_item_after_delete ON sa_orders_order_item""",
        """DROP FUNCTION sa_orders_order_item_after_delete()""",
        """DROP TRIGGER sa_orders_order_item_after_update ON sa_orders_order_item""",
        """DROP FUNCTION sa_orders_order_item_after_update()""",
        """DROP TRIGGER sa_orders_order_item_after_insert ON sa_orders_order_item""",
        """DROP FUNCTION sa_orders_order_item_after_insert()""",
        """DROP TRIGGER sa_orders_order_after_delete ON sa_orders_order""",
        """DROP FUNCTION sa_orders_order_after_delete()""",
        """DROP TRIGGER sa_orders_order_after_update ON sa_orders_order""",
        """DROP FUNCTION sa_orders_order_after_update()""",
        """DROP TRIGGER sa_orders_order_after_insert ON sa_orders_order""",
        """DROP FUNCTION sa_orders_order_after_insert()""",
        """DROP TRIGGER sa_orders_customer_after_insert ON sa_orders_customer""",
        """DROP FUNCTION sa_orders_customer_after_insert()""",
    ],
    "mysql": [
        """DROP TRIGGER sa_orders_order_item_after_delete""",
        """DROP TRIGGER sa_orders_order_after_delete""",
        """DROP TRIGGER sa_orders_order_item_after_update""",
        """DROP TRIGGER sa_orders_order_after_update""",
        """DROP TRIGGER sa_orders_order_item_after_insert""",
        """DROP TRIGGER sa_orders_order_after_insert""",
        """DROP TRIGGER sa_orders_customer_before_delete""",
        """DROP TRIGGER sa_orders_customer_after_insert""",
    ],
    "sqlite": [
        """DROP TRIGGER sa_orders_order_item_after_delete""",
        """DROP TRIGGER sa_orders_order_after_delete""",
        """DROP TRIGGER sa_orders_order_item_after_update""",
        """DROP TRIGGER sa_orders_order_after_update""",
        """DROP TRIGGER sa_orders_order_item_after_insert""",
        """DROP TRIGGER sa_orders_order_after_insert""",
        """DROP TRIGGER sa_orders_customer_after_insert""",
    ],
}

BACKFILL = {
    "postgresql": [
        """INSERT INTO sa_orders_customer_figures (customer_id, order_count) SELECT anon_1.customer_id, anon_1.order_count
FROM (SELECT sa_orders_customer.id AS customer_id, count(sa_orders_order.id) AS order_count, coalesce(sum(CASE WHEN false THEN 1 ELSE 0 END), 0) AS recent_orders, coalesce(sum(CASE WHEN false THEN sa_orders_order.total_amount ELSE 0 END), 0) AS recent_revenue
FROM sa_orders_customer LEFT OUTER JOIN sa_orders_order ON sa_orders_order.customer_id = sa_orders_customer.id GROUP BY sa_orders_customer.id) AS anon_1""",
        """INSERT INTO sa_orders_order_figures (order_id, line_count) SELECT sa_orders_order.id AS order_id, count(sa_orders_order_item.item_id) AS line_count
FROM sa_orders_order LEFT OUTER JOIN sa_orders_order_item ON sa_orders_order_item.order_id = sa_orders_order.id GROUP BY sa_orders_order.id""",
        """INSERT INTO sa_orders_order_rollup (bucket, status, orders, revenue) SELECT CAST(floor(extract(epoch FROM sa_orders_order.order_date) / 900) AS BIGINT) AS bucket, sa_orders_order.status AS status, count(*) AS orders, coalesce(sum(sa_orders_order.total_amount), 0) AS revenue
FROM sa_orders_order GROUP BY CAST(floor(extract(epoch FROM sa_orders_order.order_date) / 900) AS BIGINT), sa_orders_order.status""",
        """INSERT INTO sa_orders_status_count (status, orders) SELECT sa_orders_order.status AS status, count(*) AS orders
FROM sa_orders_order GROUP BY sa_orders_order.status""",
        """INSERT INTO sa_orders_recent_window (id) VALUES (1)""",
    ],
    "mysql": [
        """INSERT INTO sa_orders_customer_figures (customer_id, order_count) SELECT anon_1.customer_id, anon_1.order_count
FROM (SELECT sa_orders_customer.id AS customer_id, count(sa_orders_order.id) AS order_count, coalesce(sum(CASE WHEN false THEN 1 ELSE 0 END), 0) AS recent_orders, coalesce(sum(CASE WHEN false THEN sa_orders_order.total_amount ELSE 0 END), 0) AS recent_revenue
FROM sa_orders_customer LEFT OUTER JOIN sa_orders_order ON sa_orders_order.customer_id = sa_orders_customer.id GROUP BY sa_orders_customer.id) AS anon_1""",
        """INSERT INTO sa_orders_order_figures (order_id, line_count) SELECT sa_orders_order.id AS order_id, count(sa_orders_order_item.item_id) AS line_count
FROM sa_orders_order LEFT OUTER JOIN sa_orders_order_item ON sa_orders_order_item.order_id = sa_orders_order.id GROUP BY sa_orders_order.id""",
        """INSERT INTO sa_orders_order_rollup (bucket, status, orders, revenue) SELECT ((TO_DAYS(sa_orders_order.order_date) - 719528) * 96 + HOUR(sa_orders_order.order_date) * 4 + FLOOR(MINUTE(sa_orders_order.order_date) / 15)) AS bucket, sa_orders_order.status AS status, count(*) AS orders, coalesce(sum(sa_orders_order.total_amount), 0) AS revenue
FROM sa_orders_order GROUP BY ((TO_DAYS(sa_orders_order.order_date) - 719528) * 96 + HOUR(sa_orders_order.order_date) * 4 + FLOOR(MINUTE(sa_orders_order.order_date) / 15)), sa_orders_order.status""",
        """INSERT INTO sa_orders_status_count (status, orders) SELECT sa_orders_order.status AS status, count(*) AS orders
FROM sa_orders_order GROUP BY sa_orders_order.status""",
        """INSERT INTO sa_orders_recent_window (id) VALUES (1)""",
    ],
    "sqlite": [
        """INSERT INTO sa_orders_customer_figures (customer_id, order_count) SELECT anon_1.customer_id, anon_1.order_count
FROM (SELECT sa_orders_customer.id AS customer_id, count(sa_orders_order.id) AS order_count, coalesce(sum(CASE WHEN 0 THEN 1 ELSE 0 END), 0) AS recent_orders, coalesce(sum(CAST(round((CASE WHEN 0 THEN sa_orders_order.total_amount ELSE 0 END) * 100) AS INTEGER)), 0) AS recent_revenue
FROM sa_orders_customer LEFT OUTER JOIN sa_orders_order ON sa_orders_order.customer_id = sa_orders_customer.id GROUP BY sa_orders_customer.id) AS anon_1""",
        """INSERT INTO sa_orders_order_figures (order_id, line_count) SELECT sa_orders_order.id AS order_id, count(sa_orders_order_item.item_id) AS line_count
FROM sa_orders_order LEFT OUTER JOIN sa_orders_order_item ON sa_orders_order_item.order_id = sa_orders_order.id GROUP BY sa_orders_order.id""",
        """INSERT INTO sa_orders_order_rollup (bucket, status, orders, revenue) SELECT (CAST(julianday(substr(sa_orders_order.order_date, 1, 10)) - 2440587.5 AS INTEGER) * 96 + CAST(substr(sa_orders_order.order_date, 12, 2) AS INTEGER) * 4 + CAST(substr(sa_orders_order.order_date, 15, 2) AS INTEGER) / 15) AS bucket, sa_orders_order.status AS status, count(*) AS orders, coalesce(sum(CAST(round((sa_orders_order.total_amount) * 100) AS INTEGER)), 0) AS revenue
FROM sa_orders_order GROUP BY (CAST(julianday(substr(sa_orders_order.order_date, 1, 10)) - 2440587.5 AS INTEGER) * 96 + CAST(substr(sa_orders_order.order_date, 12, 2) AS INTEGER) * 4 + CAST(substr(sa_orders_order.order_date, 15, 2) AS INTEGER) / 15), sa_orders_order.status""",
        """INSERT INTO sa_orders_status_count (status, orders) SELECT sa_orders_order.status AS status, count(*) AS orders
FROM sa_orders_order GROUP BY sa_orders_order.status""",
        """INSERT INTO sa_orders_recent_window (id) VALUES (1)""",
    ],
}
