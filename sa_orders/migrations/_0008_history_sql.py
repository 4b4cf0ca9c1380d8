"""The SQL of migration 0008, frozen as it was when the migration was written (generated
from sa_orders.models.history_triggers on that day).

Never edit this to change a trigger: write a new migration. tests/models/test_history.py
checks that the latest frozen triggers are what the models say.
"""

TRIGGERS = {
    "postgresql": [
        """CREATE FUNCTION sa_orders_customer_history_after_insert() RETURNS trigger LANGUAGE plpgsql AS $body$
DECLARE
    -- the transaction's context, if it is still there (a savepoint may have taken it)
    context bigint := (
        SELECT id FROM sa_orders_history_context
        WHERE id = NULLIF(current_setting('sa_orders.history_context', true), '')::bigint
    );
BEGIN
INSERT INTO sa_orders_change (context_id, at, table_name, row_key, owner_table, owner_key, action, version, old_values, new_values)
SELECT context, statement_timestamp(), 'sa_orders_customer', n.id::text, 'sa_orders_customer', n.id::text, 'create', n.version, NULL, (to_jsonb(n))::text
FROM new_rows AS n;
RETURN NULL;
END
$body$""",
        """CREATE TRIGGER sa_orders_customer_history_after_insert AFTER INSERT ON sa_orders_customer REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION sa_orders_customer_history_after_insert()""",
        """CREATE FUNCTION sa_orders_customer_history_after_update() RETURNS trigger LANGUAGE plpgsql AS $body$
DECLARE
    -- the transaction's context, if it is still there (a savepoint may have taken it)
    context bigint := (
        SELECT id FROM sa_orders_history_context
        WHERE id = NULLIF(current_setting('sa_orders.history_context', true), '')::bigint
    );
BEGIN
INSERT INTO sa_orders_change (context_id, at, table_name, row_key, owner_table, owner_key, action, version, old_values, new_values)
SELECT context, statement_timestamp(), 'sa_orders_customer', n.id::text, 'sa_orders_customer', n.id::text, 'update', n.version, d.before::text, d.after::text
FROM old_rows AS o JOIN new_rows AS n ON n.id = o.id
CROSS JOIN LATERAL (
    SELECT jsonb_object_agg(e.key, e.value) AS before,
           jsonb_object_agg(e.key, to_jsonb(n) -> e.key) AS after
    FROM jsonb_each(to_jsonb(o)) AS e
    WHERE e.key IN ('id', 'name', 'email', 'phone', 'created_at') AND e.value IS DISTINCT FROM to_jsonb(n) -> e.key
) AS d
WHERE d.before IS NOT NULL;
RETURN NULL;
END
$body$""",
        """CREATE TRIGGER sa_orders_customer_history_after_update AFTER UPDATE ON sa_orders_customer REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION sa_orders_customer_history_after_update()""",
        """CREATE FUNCTION sa_orders_customer_history_after_delete() RETURNS trigger LANGUAGE plpgsql AS $body$
DECLARE
    -- the transaction's context, if it is still there (a savepoint may have taken it)
    context bigint := (
        SELECT id FROM sa_orders_history_context
        WHERE id = NULLIF(current_setting('sa_orders.history_context', true), '')::bigint
    );
BEGIN
INSERT INTO sa_orders_change (context_id, at, table_name, row_key, owner_table, owner_key, action, version, old_values, new_values)
SELECT context, statement_timestamp(), 'sa_orders_customer', o.id::text, 'sa_orders_customer', o.id::text, 'delete', o.version, (to_jsonb(o))::text, NULL
FROM old_rows AS o;
RETURN NULL;
END
$body$""",
        """CREATE TRIGGER sa_orders_customer_history_after_delete AFTER DELETE ON sa_orders_customer REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION sa_orders_customer_history_after_delete()""",
        """CREATE FUNCTION sa_orders_category_history_after_insert() RETURNS trigger LANGUAGE plpgsql AS $body$
DECLARE
    -- the transaction's context, if it is still there (a savepoint may have taken it)
    context bigint := (
        SELECT id FROM sa_orders_history_context
        WHERE id = NULLIF(current_setting('sa_orders.history_context', true), '')::bigint
    );
BEGIN
INSERT INTO sa_orders_change (context_id, at, table_name, row_key, owner_table, owner_key, action, version, old_values, new_values)
SELECT context, statement_timestamp(), 'sa_orders_category', n.id::text, 'sa_orders_category', n.id::text, 'create', NULL, NULL, (to_jsonb(n) - 'parent_key')::text
FROM new_rows AS n;
RETURN NULL;
END
$body$""",
        """CREATE TRIGGER sa_orders_category_history_after_insert AFTER INSERT ON sa_orders_category REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION sa_orders_category_history_after_insert()""",
        """CREATE FUNCTION sa_orders_category_history_after_update() RETURNS trigger LANGUAGE plpgsql AS $body$
DECLARE
    -- the transaction's context, if it is still there (a savepoint may have taken it)
    context bigint := (
        SELECT id FROM sa_orders_history_context
        WHERE id = NULLIF(current_setting('sa_orders.history_context', true), '')::bigint
    );
BEGIN
INSERT INTO sa_orders_change (context_id, at, table_name, row_key, owner_table, owner_key, action, version, old_values, new_values)
SELECT context, statement_timestamp(), 'sa_orders_category', n.id::text, 'sa_orders_category', n.id::text, 'update', NULL, d.before::text, d.after::text
FROM old_rows AS o JOIN new_rows AS n ON n.id = o.id
CROSS JOIN LATERAL (
    SELECT jsonb_object_agg(e.key, e.value) AS before,
           jsonb_object_agg(e.key, to_jsonb(n) -> e.key) AS after
    FROM jsonb_each(to_jsonb(o)) AS e
    WHERE e.key IN ('id', 'name', 'parent_id') AND e.value IS DISTINCT FROM to_jsonb(n) -> e.key
) AS d
WHERE d.before IS NOT NULL;
RETURN NULL;
END
$body$""",
        """CREATE TRIGGER sa_orders_category_history_after_update AFTER UPDATE ON sa_orders_category REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION sa_orders_category_history_after_update()""",
        """CREATE FUNCTION sa_orders_category_history_after_delete() RETURNS trigger LANGUAGE plpgsql AS $body$
DECLARE
    -- the transaction's context, if it is still there (a savepoint may have taken it)
    context bigint := (
        SELECT id FROM sa_orders_history_context
        WHERE id = NULLIF(current_setting('sa_orders.history_context', true), '')::bigint
    );
BEGIN
INSERT INTO sa_orders_change (context_id, at, table_name, row_key, owner_table, owner_key, action, version, old_values, new_values)
SELECT context, statement_timestamp(), 'sa_orders_category', o.id::text, 'sa_orders_category', o.id::text, 'delete', NULL, (to_jsonb(o) - 'parent_key')::text, NULL
FROM old_rows AS o;
RETURN NULL;
END
$body$""",
        """CREATE TRIGGER sa_orders_category_history_after_delete AFTER DELETE ON sa_orders_category REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION sa_orders_category_history_after_delete()""",
        """CREATE FUNCTION sa_orders_item_history_after_insert() RETURNS trigger LANGUAGE plpgsql AS $body$
DECLARE
    -- the transaction's context, if it is still there (a savepoint may have taken it)
    context bigint := (
        SELECT id FROM sa_orders_history_context
        WHERE id = NULLIF(current_setting('sa_orders.history_context', true), '')::bigint
    );
BEGIN
INSERT INTO sa_orders_change (context_id, at, table_name, row_key, owner_table, owner_key, action, version, old_values, new_values)
SELECT context, statement_timestamp(), 'sa_orders_item', n.id::text, 'sa_orders_item', n.id::text, 'create', n.version, NULL, (to_jsonb(n))::text
FROM new_rows AS n;
RETURN NULL;
END
$body$""",
        """CREATE TRIGGER sa_orders_item_history_after_insert AFTER INSERT ON sa_orders_item REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION sa_orders_item_history_after_insert()""",
        """CREATE FUNCTION sa_orders_item_history_after_update() RETURNS trigger LANGUAGE plpgsql AS $body$
DECLARE
    -- the transaction's context, if it is still there (a savepoint may have taken it)
    context bigint := (
        SELECT id FROM sa_orders_history_context
        WHERE id = NULLIF(current_setting('sa_orders.history_context', true), '')::bigint
    );
BEGIN
INSERT INTO sa_orders_change (context_id, at, table_name, row_key, owner_table, owner_key, action, version, old_values, new_values)
SELECT context, statement_timestamp(), 'sa_orders_item', n.id::text, 'sa_orders_item', n.id::text, 'update', n.version, d.before::text, d.after::text
FROM old_rows AS o JOIN new_rows AS n ON n.id = o.id
CROSS JOIN LATERAL (
    SELECT jsonb_object_agg(e.key, e.value) AS before,
           jsonb_object_agg(e.key, to_jsonb(n) -> e.key) AS after
    FROM jsonb_each(to_jsonb(o)) AS e
    WHERE e.key IN ('id', 'sku', 'name', 'price', 'active', 'created_at') AND e.value IS DISTINCT FROM to_jsonb(n) -> e.key
) AS d
WHERE d.before IS NOT NULL;
RETURN NULL;
END
$body$""",
        """CREATE TRIGGER sa_orders_item_history_after_update AFTER UPDATE ON sa_orders_item REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION sa_orders_item_history_after_update()""",
        """CREATE FUNCTION sa_orders_item_history_after_delete() RETURNS trigger LANGUAGE plpgsql AS $body$
DECLARE
    -- the transaction's context, if it is still there (a savepoint may have taken it)
    context bigint := (
        SELECT id FROM sa_orders_history_context
        WHERE id = NULLIF(current_setting('sa_orders.history_context', true), '')::bigint
    );
BEGIN
INSERT INTO sa_orders_change (context_id, at, table_name, row_key, owner_table, owner_key, action, version, old_values, new_values)
SELECT context, statement_timestamp(), 'sa_orders_item', o.id::text, 'sa_orders_item', o.id::text, 'delete', o.version, (to_jsonb(o))::text, NULL
FROM old_rows AS o;
RETURN NULL;
END
$body$""",
        """CREATE TRIGGER sa_orders_item_history_after_delete AFTER DELETE ON sa_orders_item REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION sa_orders_item_history_after_delete()""",
        """CREATE FUNCTION sa_orders_item_category_history_after_insert() RETURNS trigger LANGUAGE plpgsql AS $body$
DECLARE
    -- the transaction's context, if it is still there (a savepoint may have taken it)
    context bigint := (
        SELECT id FROM sa_orders_history_context
        WHERE id = NULLIF(current_setting('sa_orders.history_context', true), '')::bigint
    );
BEGIN
INSERT INTO sa_orders_change (context_id, at, table_name, row_key, owner_table, owner_key, action, version, old_values, new_values)
SELECT context, statement_timestamp(), 'sa_orders_item_category', n.item_id::text || '/' || n.category_id::text, 'sa_orders_item', n.item_id::text, 'create', NULL, NULL, (to_jsonb(n))::text
FROM new_rows AS n;
RETURN NULL;
END
$body$""",
        """CREATE TRIGGER sa_orders_item_category_history_after_insert AFTER INSERT ON sa_orders_item_category REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION sa_orders_item_category_history_after_insert()""",
        """CREATE FUNCTION sa_orders_item_category_history_after_update() RETURNS trigger LANGUAGE plpgsql AS $body$
DECLARE
    -- the transaction's context, if it is still there (a savepoint may have taken it)
    context bigint := (
        SELECT id FROM sa_orders_history_context
        WHERE id = NULLIF(current_setting('sa_orders.history_context', true), '')::bigint
    );
BEGIN
INSERT INTO sa_orders_change (context_id, at, table_name, row_key, owner_table, owner_key, action, version, old_values, new_values)
SELECT context, statement_timestamp(), 'sa_orders_item_category', n.item_id::text || '/' || n.category_id::text, 'sa_orders_item', n.item_id::text, 'update', NULL, d.before::text, d.after::text
FROM old_rows AS o JOIN new_rows AS n ON n.item_id = o.item_id AND n.category_id = o.category_id
CROSS JOIN LATERAL (
    SELECT jsonb_object_agg(e.key, e.value) AS before,
           jsonb_object_agg(e.key, to_jsonb(n) -> e.key) AS after
    FROM jsonb_each(to_jsonb(o)) AS e
    WHERE e.key IN ('item_id', 'category_id') AND e.value IS DISTINCT FROM to_jsonb(n) -> e.key
) AS d
WHERE d.before IS NOT NULL;
RETURN NULL;
END
$body$""",
        """CREATE TRIGGER sa_orders_item_category_history_after_update AFTER UPDATE ON sa_orders_item_category REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION sa_orders_item_category_history_after_update()""",
        """CREATE FUNCTION sa_orders_item_category_history_after_delete() RETURNS trigger LANGUAGE plpgsql AS $body$
DECLARE
    -- the transaction's context, if it is still there (a savepoint may have taken it)
    context bigint := (
        SELECT id FROM sa_orders_history_context
        WHERE id = NULLIF(current_setting('sa_orders.history_context', true), '')::bigint
    );
BEGIN
INSERT INTO sa_orders_change (context_id, at, table_name, row_key, owner_table, owner_key, action, version, old_values, new_values)
SELECT context, statement_timestamp(), 'sa_orders_item_category', o.item_id::text || '/' || o.category_id::text, 'sa_orders_item', o.item_id::text, 'delete', NULL, (to_jsonb(o))::text, NULL
FROM old_rows AS o;
RETURN NULL;
END
$body$""",
        """CREATE TRIGGER sa_orders_item_category_history_after_delete AFTER DELETE ON sa_orders_item_category REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION sa_orders_item_category_history_after_delete()""",
        """CREATE FUNCTION sa_orders_order_history_after_insert() RETURNS trigger LANGUAGE plpgsql AS $body$
DECLARE
    -- the transaction's context, if it is still there (a savepoint may have taken it)
    context bigint := (
        SELECT id FROM sa_orders_history_context
        WHERE id = NULLIF(current_setting('sa_orders.history_context', true), '')::bigint
    );
BEGIN
INSERT INTO sa_orders_change (context_id, at, table_name, row_key, owner_table, owner_key, action, version, old_values, new_values)
SELECT context, statement_timestamp(), 'sa_orders_order', n.id::text, 'sa_orders_order', n.id::text, 'create', n.version, NULL, (to_jsonb(n))::text
FROM new_rows AS n;
RETURN NULL;
END
$body$""",
        """CREATE TRIGGER sa_orders_order_history_after_insert AFTER INSERT ON sa_orders_order REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION sa_orders_order_history_after_insert()""",
        """CREATE FUNCTION sa_orders_order_history_after_update() RETURNS trigger LANGUAGE plpgsql AS $body$
DECLARE
    -- the transaction's context, if it is still there (a savepoint may have taken it)
    context bigint := (
        SELECT id FROM sa_orders_history_context
        WHERE id = NULLIF(current_setting('sa_orders.history_context', true), '')::bigint
    );
BEGIN
INSERT INTO sa_orders_change (context_id, at, table_name, row_key, owner_table, owner_key, action, version, old_values, new_values)
SELECT context, statement_timestamp(), 'sa_orders_order', n.id::text, 'sa_orders_order', n.id::text, 'update', n.version, d.before::text, d.after::text
FROM old_rows AS o JOIN new_rows AS n ON n.id = o.id
CROSS JOIN LATERAL (
    SELECT jsonb_object_agg(e.key, e.value) AS before,
           jsonb_object_agg(e.key, to_jsonb(n) -> e.key) AS after
    FROM jsonb_each(to_jsonb(o)) AS e
    WHERE e.key IN ('id', 'customer_id', 'order_date', 'status', 'discount_amount', 'total_amount', 'notes', 'created_at') AND e.value IS DISTINCT FROM to_jsonb(n) -> e.key
) AS d
WHERE d.before IS NOT NULL;
RETURN NULL;
END
$body$""",
        """CREATE TRIGGER sa_orders_order_history_after_update AFTER UPDATE ON sa_orders_order REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION sa_orders_order_history_after_update()""",
        """CREATE FUNCTION sa_orders_order_history_after_delete() RETURNS trigger LANGUAGE plpgsql AS $body$
DECLARE
    -- the transaction's context, if it is still there (a savepoint may have taken it)
    context bigint := (
        SELECT id FROM sa_orders_history_context
        WHERE id = NULLIF(current_setting('sa_orders.history_context', true), '')::bigint
    );
BEGIN
INSERT INTO sa_orders_change (context_id, at, table_name, row_key, owner_table, owner_key, action, version, old_values, new_values)
SELECT context, statement_timestamp(), 'sa_orders_order', o.id::text, 'sa_orders_order', o.id::text, 'delete', o.version, (to_jsonb(o))::text, NULL
FROM old_rows AS o;
RETURN NULL;
END
$body$""",
        """CREATE TRIGGER sa_orders_order_history_after_delete AFTER DELETE ON sa_orders_order REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION sa_orders_order_history_after_delete()""",
        """CREATE FUNCTION sa_orders_order_item_history_after_insert() RETURNS trigger LANGUAGE plpgsql AS $body$
DECLARE
    -- the transaction's context, if it is still there (a savepoint may have taken it)
    context bigint := (
        SELECT id FROM sa_orders_history_context
        WHERE id = NULLIF(current_setting('sa_orders.history_context', true), '')::bigint
    );
BEGIN
INSERT INTO sa_orders_change (context_id, at, table_name, row_key, owner_table, owner_key, action, version, old_values, new_values)
SELECT context, statement_timestamp(), 'sa_orders_order_item', n.order_id::text || '/' || n.item_id::text, 'sa_orders_order', n.order_id::text, 'create', NULL, NULL, (to_jsonb(n))::text
FROM new_rows AS n;
RETURN NULL;
END
$body$""",
        """CREATE TRIGGER sa_orders_order_item_history_after_insert AFTER INSERT ON sa_orders_order_item REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION sa_orders_order_item_history_after_insert()""",
        """CREATE FUNCTION sa_orders_order_item_history_after_update() RETURNS trigger LANGUAGE plpgsql AS $body$
DECLARE
    -- the transaction's context, if it is still there (a savepoint may have taken it)
    context bigint := (
        SELECT id FROM sa_orders_history_context
        WHERE id = NULLIF(current_setting('sa_orders.history_context', true), '')::bigint
    );
BEGIN
INSERT INTO sa_orders_change (context_id, at, table_name, row_key, owner_table, owner_key, action, version, old_values, new_values)
SELECT context, statement_timestamp(), 'sa_orders_order_item', n.order_id::text || '/' || n.item_id::text, 'sa_orders_order', n.order_id::text, 'update', NULL, d.before::text, d.after::text
FROM old_rows AS o JOIN new_rows AS n ON n.order_id = o.order_id AND n.item_id = o.item_id
CROSS JOIN LATERAL (
    SELECT jsonb_object_agg(e.key, e.value) AS before,
           jsonb_object_agg(e.key, to_jsonb(n) -> e.key) AS after
    FROM jsonb_each(to_jsonb(o)) AS e
    WHERE e.key IN ('order_id', 'item_id', 'quantity', 'price_paid') AND e.value IS DISTINCT FROM to_jsonb(n) -> e.key
) AS d
WHERE d.before IS NOT NULL;
RETURN NULL;
END
$body$""",
        """CREATE TRIGGER sa_orders_order_item_history_after_update AFTER UPDATE ON sa_orders_order_item REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION sa_orders_order_item_history_after_update()""",
        """CREATE FUNCTION sa_orders_order_item_history_after_delete() RETURNS trigger LANGUAGE plpgsql AS $body$
DECLARE
    -- the transaction's context, if it is still there (a savepoint may have taken it)
    context bigint := (
        SELECT id FROM sa_orders_history_context
        WHERE id = NULLIF(current_setting('sa_orders.history_context', true), '')::bigint
    );
BEGIN
INSERT INTO sa_orders_change (context_id, at, table_name, row_key, owner_table, owner_key, action, version, old_values, new_values)
SELECT context, statement_timestamp(), 'sa_orders_order_item', o.order_id::text || '/' || o.item_id::text, 'sa_orders_order', o.order_id::text, 'delete', NULL, (to_jsonb(o))::text, NULL
FROM old_rows AS o;
RETURN NULL;
END
$body$""",
        """CREATE TRIGGER sa_orders_order_item_history_after_delete AFTER DELETE ON sa_orders_order_item REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION sa_orders_order_item_history_after_delete()""",
    ],
    "mysql": [
        """CREATE TRIGGER sa_orders_customer_history_after_insert AFTER INSERT ON sa_orders_customer FOR EACH ROW
BEGIN
INSERT INTO sa_orders_change (context_id, at, table_name, row_key, owner_table, owner_key, action, version, old_values, new_values) VALUES ((SELECT id FROM sa_orders_history_context WHERE id = @sa_orders_history_context), UTC_TIMESTAMP(6), 'sa_orders_customer', CONCAT_WS('/', NEW.id), 'sa_orders_customer', CONCAT_WS('/', NEW.id), 'create', NEW.version, NULL, JSON_OBJECT('id', NEW.id, 'name', NEW.name, 'email', NEW.email, 'phone', NEW.phone, 'created_at', NEW.created_at, 'updated_at', NEW.updated_at, 'version', NEW.version));
END""",
        """CREATE TRIGGER sa_orders_customer_history_after_update AFTER UPDATE ON sa_orders_customer FOR EACH ROW
BEGIN
IF NOT (OLD.id <=> NEW.id AND OLD.name <=> NEW.name AND OLD.email <=> NEW.email AND OLD.phone <=> NEW.phone AND OLD.created_at <=> NEW.created_at) THEN
INSERT INTO sa_orders_change (context_id, at, table_name, row_key, owner_table, owner_key, action, version, old_values, new_values) VALUES ((SELECT id FROM sa_orders_history_context WHERE id = @sa_orders_history_context), UTC_TIMESTAMP(6), 'sa_orders_customer', CONCAT_WS('/', NEW.id), 'sa_orders_customer', CONCAT_WS('/', NEW.id), 'update', NEW.version, JSON_MERGE_PRESERVE('{}', IF(OLD.id <=> NEW.id, '{}', JSON_OBJECT('id', OLD.id)), IF(OLD.name <=> NEW.name, '{}', JSON_OBJECT('name', OLD.name)), IF(OLD.email <=> NEW.email, '{}', JSON_OBJECT('email', OLD.email)), IF(OLD.phone <=> NEW.phone, '{}', JSON_OBJECT('phone', OLD.phone)), IF(OLD.created_at <=> NEW.created_at, '{}', JSON_OBJECT('created_at', OLD.created_at))), JSON_MERGE_PRESERVE('{}', IF(OLD.id <=> NEW.id, '{}', JSON_OBJECT('id', NEW.id)), IF(OLD.name <=> NEW.name, '{}', JSON_OBJECT('name', NEW.name)), IF(OLD.email <=> NEW.email, '{}', JSON_OBJECT('email', NEW.email)), IF(OLD.phone <=> NEW.phone, '{}', JSON_OBJECT('phone', NEW.phone)), IF(OLD.created_at <=> NEW.created_at, '{}', JSON_OBJECT('created_at', NEW.created_at))));
END IF;
END""",
        """CREATE TRIGGER sa_orders_customer_history_after_delete AFTER DELETE ON sa_orders_customer FOR EACH ROW
BEGIN
INSERT INTO sa_orders_change (context_id, at, table_name, row_key, owner_table, owner_key, action, version, old_values, new_values) VALUES ((SELECT id FROM sa_orders_history_context WHERE id = @sa_orders_history_context), UTC_TIMESTAMP(6), 'sa_orders_customer', CONCAT_WS('/', OLD.id), 'sa_orders_customer', CONCAT_WS('/', OLD.id), 'delete', OLD.version, JSON_OBJECT('id', OLD.id, 'name', OLD.name, 'email', OLD.email, 'phone', OLD.phone, 'created_at', OLD.created_at, 'updated_at', OLD.updated_at, 'version', OLD.version), NULL);
END""",
        """CREATE TRIGGER sa_orders_customer_history_before_delete BEFORE DELETE ON sa_orders_customer
FOR EACH ROW
BEGIN
INSERT INTO sa_orders_change (context_id, at, table_name, row_key, owner_table, owner_key, action, version, old_values, new_values)
SELECT (SELECT id FROM sa_orders_history_context WHERE id = @sa_orders_history_context), UTC_TIMESTAMP(6), 'sa_orders_order', CONCAT_WS('/', c0.id), 'sa_orders_order', CONCAT_WS('/', c0.id), 'delete', c0.version, JSON_OBJECT('id', c0.id, 'customer_id', c0.customer_id, 'order_date', c0.order_date, 'status', c0.status, 'discount_amount', c0.discount_amount, 'total_amount', c0.total_amount, 'notes', c0.notes, 'created_at', c0.created_at, 'updated_at', c0.updated_at, 'version', c0.version), NULL
FROM sa_orders_order AS c0 WHERE c0.customer_id = OLD.id;
INSERT INTO sa_orders_change (context_id, at, table_name, row_key, owner_table, owner_key, action, version, old_values, new_values)
SELECT (SELECT id FROM sa_orders_history_context WHERE id = @sa_orders_history_context), UTC_TIMESTAMP(6), 'sa_orders_order_item', CONCAT_WS('/', c1.order_id, c1.item_id), 'sa_orders_order', CONCAT_WS('/', c1.order_id), 'delete', NULL, JSON_OBJECT('order_id', c1.order_id, 'item_id', c1.item_id, 'quantity', c1.quantity, 'price_paid', c1.price_paid), NULL
FROM sa_orders_order_item AS c1 JOIN sa_orders_order AS c0 ON c1.order_id = c0.id WHERE c0.customer_id = OLD.id;
END""",
        """CREATE TRIGGER sa_orders_category_history_after_insert AFTER INSERT ON sa_orders_category FOR EACH ROW
BEGIN
INSERT INTO sa_orders_change (context_id, at, table_name, row_key, owner_table, owner_key, action, version, old_values, new_values) VALUES ((SELECT id FROM sa_orders_history_context WHERE id = @sa_orders_history_context), UTC_TIMESTAMP(6), 'sa_orders_category', CONCAT_WS('/', NEW.id), 'sa_orders_category', CONCAT_WS('/', NEW.id), 'create', NULL, NULL, JSON_OBJECT('id', NEW.id, 'name', NEW.name, 'parent_id', NEW.parent_id));
END""",
        """CREATE TRIGGER sa_orders_category_history_after_update AFTER UPDATE ON sa_orders_category FOR EACH ROW
BEGIN
IF NOT (OLD.id <=> NEW.id AND OLD.name <=> NEW.name AND OLD.parent_id <=> NEW.parent_id) THEN
INSERT INTO sa_orders_change (context_id, at, table_name, row_key, owner_table, owner_key, action, version, old_values, new_values) VALUES ((SELECT id FROM sa_orders_history_context WHERE id = @sa_orders_history_context), UTC_TIMESTAMP(6), 'sa_orders_category', CONCAT_WS('/', NEW.id), 'sa_orders_category', CONCAT_WS('/', NEW.id), 'update', NULL, JSON_MERGE_PRESERVE('{}', IF(OLD.id <=> NEW.id, '{}', JSON_OBJECT('id', OLD.id)), IF(OLD.name <=> NEW.name, '{}', JSON_OBJECT('name', OLD.name)), IF(OLD.parent_id <=> NEW.parent_id, '{}', JSON_OBJECT('parent_id', OLD.parent_id))), JSON_MERGE_PRESERVE('{}', IF(OLD.id <=> NEW.id, '{}', JSON_OBJECT('id', NEW.id)), IF(OLD.name <=> NEW.name, '{}', JSON_OBJECT('name', NEW.name)), IF(OLD.parent_id <=> NEW.parent_id, '{}', JSON_OBJECT('parent_id', NEW.parent_id))));
END IF;
END""",
        """CREATE TRIGGER sa_orders_category_history_after_delete AFTER DELETE ON sa_orders_category FOR EACH ROW
BEGIN
INSERT INTO sa_orders_change (context_id, at, table_name, row_key, owner_table, owner_key, action, version, old_values, new_values) VALUES ((SELECT id FROM sa_orders_history_context WHERE id = @sa_orders_history_context), UTC_TIMESTAMP(6), 'sa_orders_category', CONCAT_WS('/', OLD.id), 'sa_orders_category', CONCAT_WS('/', OLD.id), 'delete', NULL, JSON_OBJECT('id', OLD.id, 'name', OLD.name, 'parent_id', OLD.parent_id), NULL);
END""",
        """CREATE TRIGGER sa_orders_category_history_before_delete BEFORE DELETE ON sa_orders_category
FOR EACH ROW
BEGIN
INSERT INTO sa_orders_change (context_id, at, table_name, row_key, owner_table, owner_key, action, version, old_values, new_values)
SELECT (SELECT id FROM sa_orders_history_context WHERE id = @sa_orders_history_context), UTC_TIMESTAMP(6), 'sa_orders_item_category', CONCAT_WS('/', c0.item_id, c0.category_id), 'sa_orders_item', CONCAT_WS('/', c0.item_id), 'delete', NULL, JSON_OBJECT('item_id', c0.item_id, 'category_id', c0.category_id), NULL
FROM sa_orders_item_category AS c0 WHERE c0.category_id = OLD.id;
END""",
        """CREATE TRIGGER sa_orders_item_history_after_insert AFTER INSERT ON sa_orders_item FOR EACH ROW
BEGIN
INSERT INTO sa_orders_change (context_id, at, table_name, row_key, owner_table, owner_key, action, version, old_values, new_values) VALUES ((SELECT id FROM sa_orders_history_context WHERE id = @sa_orders_history_context), UTC_TIMESTAMP(6), 'sa_orders_item', CONCAT_WS('/', NEW.id), 'sa_orders_item', CONCAT_WS('/', NEW.id), 'create', NEW.version, NULL, JSON_OBJECT('id', NEW.id, 'sku', NEW.sku, 'name', NEW.name, 'price', NEW.price, 'active', NEW.active, 'created_at', NEW.created_at, 'updated_at', NEW.updated_at, 'version', NEW.version));
END""",
        """CREATE TRIGGER sa_orders_item_history_after_update AFTER UPDATE ON sa_orders_item FOR EACH ROW
BEGIN
IF NOT (OLD.id <=> NEW.id AND OLD.sku <=> NEW.sku AND OLD.name <=> NEW.name AND OLD.price <=> NEW.price AND OLD.active <=> NEW.active AND OLD.created_at <=> NEW.created_at) THEN
INSERT INTO sa_orders_change (context_id, at, table_name, row_key, owner_table, owner_key, action, version, old_values, new_values) VALUES ((SELECT id FROM sa_orders_history_context WHERE id = @sa_orders_history_context), UTC_TIMESTAMP(6), 'sa_orders_item', CONCAT_WS('/', NEW.id), 'sa_orders_item', CONCAT_WS('/', NEW.id), 'update', NEW.version, JSON_MERGE_PRESERVE('{}', IF(OLD.id <=> NEW.id, '{}', JSON_OBJECT('id', OLD.id)), IF(OLD.sku <=> NEW.sku, '{}', JSON_OBJECT('sku', OLD.sku)), IF(OLD.name <=> NEW.name, '{}', JSON_OBJECT('name', OLD.name)), IF(OLD.price <=> NEW.price, '{}', JSON_OBJECT('price', OLD.price)), IF(OLD.active <=> NEW.active, '{}', JSON_OBJECT('active', OLD.active)), IF(OLD.created_at <=> NEW.created_at, '{}', JSON_OBJECT('created_at', OLD.created_at))), JSON_MERGE_PRESERVE('{}', IF(OLD.id <=> NEW.id, '{}', JSON_OBJECT('id', NEW.id)), IF(OLD.sku <=> NEW.sku, '{}', JSON_OBJECT('sku', NEW.sku)), IF(OLD.name <=> NEW.name, '{}', JSON_OBJECT('name', NEW.name)), IF(OLD.price <=> NEW.price, '{}', JSON_OBJECT('price', NEW.price)), IF(OLD.active <=> NEW.active, '{}', JSON_OBJECT('active', NEW.active)), IF(OLD.created_at <=> NEW.created_at, '{}', JSON_OBJECT('created_at', NEW.created_at))));
END IF;
END""",
        """CREATE TRIGGER sa_orders_item_history_after_delete AFTER DELETE ON sa_orders_item FOR EACH ROW
BEGIN
INSERT INTO sa_orders_change (context_id, at, table_name, row_key, owner_table, owner_key, action, version, old_values, new_values) VALUES ((SELECT id FROM sa_orders_history_context WHERE id = @sa_orders_history_context), UTC_TIMESTAMP(6), 'sa_orders_item', CONCAT_WS('/', OLD.id), 'sa_orders_item', CONCAT_WS('/', OLD.id), 'delete', OLD.version, JSON_OBJECT('id', OLD.id, 'sku', OLD.sku, 'name', OLD.name, 'price', OLD.price, 'active', OLD.active, 'created_at', OLD.created_at, 'updated_at', OLD.updated_at, 'version', OLD.version), NULL);
END""",
        """CREATE TRIGGER sa_orders_item_history_before_delete BEFORE DELETE ON sa_orders_item
FOR EACH ROW
BEGIN
INSERT INTO sa_orders_change (context_id, at, table_name, row_key, owner_table, owner_key, action, version, old_values, new_values)
SELECT (SELECT id FROM sa_orders_history_context WHERE id = @sa_orders_history_context), UTC_TIMESTAMP(6), 'sa_orders_item_category', CONCAT_WS('/', c0.item_id, c0.category_id), 'sa_orders_item', CONCAT_WS('/', c0.item_id), 'delete', NULL, JSON_OBJECT('item_id', c0.item_id, 'category_id', c0.category_id), NULL
FROM sa_orders_item_category AS c0 WHERE c0.item_id = OLD.id;
END""",
        """CREATE TRIGGER sa_orders_item_category_history_after_insert AFTER INSERT ON sa_orders_item_category FOR EACH ROW
BEGIN
INSERT INTO sa_orders_change (context_id, at, table_name, row_key, owner_table, owner_key, action, version, old_values, new_values) VALUES ((SELECT id FROM sa_orders_history_context WHERE id = @sa_orders_history_context), UTC_TIMESTAMP(6), 'sa_orders_item_category', CONCAT_WS('/', NEW.item_id, NEW.category_id), 'sa_orders_item', CONCAT_WS('/', NEW.item_id), 'create', NULL, NULL, JSON_OBJECT('item_id', NEW.item_id, 'category_id', NEW.category_id));
END""",
        """CREATE TRIGGER sa_orders_item_category_history_after_update AFTER UPDATE ON sa_orders_item_category FOR EACH ROW
BEGIN
IF NOT (OLD.item_id <=> NEW.item_id AND OLD.category_id <=> NEW.category_id) THEN
INSERT INTO sa_orders_change (context_id, at, table_name, row_key, owner_table, owner_key, action, version, old_values, new_values) VALUES ((SELECT id FROM sa_orders_history_context WHERE id = @sa_orders_history_context), UTC_TIMESTAMP(6), 'sa_orders_item_category', CONCAT_WS('/', NEW.item_id, NEW.category_id), 'sa_orders_item', CONCAT_WS('/', NEW.item_id), 'update', NULL, JSON_MERGE_PRESERVE('{}', IF(OLD.item_id <=> NEW.item_id, '{}', JSON_OBJECT('item_id', OLD.item_id)), IF(OLD.category_id <=> NEW.category_id, '{}', JSON_OBJECT('category_id', OLD.category_id))), JSON_MERGE_PRESERVE('{}', IF(OLD.item_id <=> NEW.item_id, '{}', JSON_OBJECT('item_id', NEW.item_id)), IF(OLD.category_id <=> NEW.category_id, '{}', JSON_OBJECT('category_id', NEW.category_id))));
END IF;
END""",
        """CREATE TRIGGER sa_orders_item_category_history_after_delete AFTER DELETE ON sa_orders_item_category FOR EACH ROW
BEGIN
INSERT INTO sa_orders_change (context_id, at, table_name, row_key, owner_table, owner_key, action, version, old_values, new_values) VALUES ((SELECT id FROM sa_orders_history_context WHERE id = @sa_orders_history_context), UTC_TIMESTAMP(6), 'sa_orders_item_category', CONCAT_WS('/', OLD.item_id, OLD.category_id), 'sa_orders_item', CONCAT_WS('/', OLD.item_id), 'delete', NULL, JSON_OBJECT('item_id', OLD.item_id, 'category_id', OLD.category_id), NULL);
END""",
        """CREATE TRIGGER sa_orders_order_history_after_insert AFTER INSERT ON sa_orders_order FOR EACH ROW
BEGIN
INSERT INTO sa_orders_change (context_id, at, table_name, row_key, owner_table, owner_key, action, version, old_values, new_values) VALUES ((SELECT id FROM sa_orders_history_context WHERE id = @sa_orders_history_context), UTC_TIMESTAMP(6), 'sa_orders_order', CONCAT_WS('/', NEW.id), 'sa_orders_order', CONCAT_WS('/', NEW.id), 'create', NEW.version, NULL, JSON_OBJECT('id', NEW.id, 'customer_id', NEW.customer_id, 'order_date', NEW.order_date, 'status', NEW.status, 'discount_amount', NEW.discount_amount, 'total_amount', NEW.total_amount, 'notes', NEW.notes, 'created_at', NEW.created_at, 'updated_at', NEW.updated_at, 'version', NEW.version));
END""",
        """CREATE TRIGGER sa_orders_order_history_after_update AFTER UPDATE ON sa_orders_order FOR EACH ROW
BEGIN
IF NOT (OLD.id <=> NEW.id AND OLD.customer_id <=> NEW.customer_id AND OLD.order_date <=> NEW.order_date AND OLD.status <=> NEW.status AND OLD.discount_amount <=> NEW.discount_amount AND OLD.total_amount <=> NEW.total_amount AND OLD.notes <=> NEW.notes AND OLD.created_at <=> NEW.created_at) THEN
INSERT INTO sa_orders_change (context_id, at, table_name, row_key, owner_table, owner_key, action, version, old_values, new_values) VALUES ((SELECT id FROM sa_orders_history_context WHERE id = @sa_orders_history_context), UTC_TIMESTAMP(6), 'sa_orders_order', CONCAT_WS('/', NEW.id), 'sa_orders_order', CONCAT_WS('/', NEW.id), 'update', NEW.version, JSON_MERGE_PRESERVE('{}', IF(OLD.id <=> NEW.id, '{}', JSON_OBJECT('id', OLD.id)), IF(OLD.customer_id <=> NEW.customer_id, '{}', JSON_OBJECT('customer_id', OLD.customer_id)), IF(OLD.order_date <=> NEW.order_date, '{}', JSON_OBJECT('order_date', OLD.order_date)), IF(OLD.status <=> NEW.status, '{}', JSON_OBJECT('status', OLD.status)), IF(OLD.discount_amount <=> NEW.discount_amount, '{}', JSON_OBJECT('discount_amount', OLD.discount_amount)), IF(OLD.total_amount <=> NEW.total_amount, '{}', JSON_OBJECT('total_amount', OLD.total_amount)), IF(OLD.notes <=> NEW.notes, '{}', JSON_OBJECT('notes', OLD.notes)), IF(OLD.created_at <=> NEW.created_at, '{}', JSON_OBJECT('created_at', OLD.created_at))), JSON_MERGE_PRESERVE('{}', IF(OLD.id <=> NEW.id, '{}', JSON_OBJECT('id', NEW.id)), IF(OLD.customer_id <=> NEW.customer_id, '{}', JSON_OBJECT('customer_id', NEW.customer_id)), IF(OLD.order_date <=> NEW.order_date, '{}', JSON_OBJECT('order_date', NEW.order_date)), IF(OLD.status <=> NEW.status, '{}', JSON_OBJECT('status', NEW.status)), IF(OLD.discount_amount <=> NEW.discount_amount, '{}', JSON_OBJECT('discount_amount', NEW.discount_amount)), IF(OLD.total_amount <=> NEW.total_amount, '{}', JSON_OBJECT('total_amount', NEW.total_amount)), IF(OLD.notes <=> NEW.notes, '{}', JSON_OBJECT('notes', NEW.notes)), IF(OLD.created_at <=> NEW.created_at, '{}', JSON_OBJECT('created_at', NEW.created_at))));
END IF;
END""",
        """CREATE TRIGGER sa_orders_order_history_after_delete AFTER DELETE ON sa_orders_order FOR EACH ROW
BEGIN
INSERT INTO sa_orders_change (context_id, at, table_name, row_key, owner_table, owner_key, action, version, old_values, new_values) VALUES ((SELECT id FROM sa_orders_history_context WHERE id = @sa_orders_history_context), UTC_TIMESTAMP(6), 'sa_orders_order', CONCAT_WS('/', OLD.id), 'sa_orders_order', CONCAT_WS('/', OLD.id), 'delete', OLD.version, JSON_OBJECT('id', OLD.id, 'customer_id', OLD.customer_id, 'order_date', OLD.order_date, 'status', OLD.status, 'discount_amount', OLD.discount_amount, 'total_amount', OLD.total_amount, 'notes', OLD.notes, 'created_at', OLD.created_at, 'updated_at', OLD.updated_at, 'version', OLD.version), NULL);
END""",
        """CREATE TRIGGER sa_orders_order_history_before_delete BEFORE DELETE ON sa_orders_order
FOR EACH ROW
BEGIN
INSERT INTO sa_orders_change (context_id, at, table_name, row_key, owner_table, owner_key, action, version, old_values, new_values)
SELECT (SELECT id FROM sa_orders_history_context WHERE id = @sa_orders_history_context), UTC_TIMESTAMP(6), 'sa_orders_order_item', CONCAT_WS('/', c0.order_id, c0.item_id), 'sa_orders_order', CONCAT_WS('/', c0.order_id), 'delete', NULL, JSON_OBJECT('order_id', c0.order_id, 'item_id', c0.item_id, 'quantity', c0.quantity, 'price_paid', c0.price_paid), NULL
FROM sa_orders_order_item AS c0 WHERE c0.order_id = OLD.id;
END""",
        """CREATE TRIGGER sa_orders_order_item_history_after_insert AFTER INSERT ON sa_orders_order_item FOR EACH ROW
BEGIN
INSERT INTO sa_orders_change (context_id, at, table_name, row_key, owner_table, owner_key, action, version, old_values, new_values) VALUES ((SELECT id FROM sa_orders_history_context WHERE id = @sa_orders_history_context), UTC_TIMESTAMP(6), 'sa_orders_order_item', CONCAT_WS('/', NEW.order_id, NEW.item_id), 'sa_orders_order', CONCAT_WS('/', NEW.order_id), 'create', NULL, NULL, JSON_OBJECT('order_id', NEW.order_id, 'item_id', NEW.item_id, 'quantity', NEW.quantity, 'price_paid', NEW.price_paid));
END""",
        """CREATE TRIGGER sa_orders_order_item_history_after_update AFTER UPDATE ON sa_orders_order_item FOR EACH ROW
BEGIN
IF NOT (OLD.order_id <=> NEW.order_id AND OLD.item_id <=> NEW.item_id AND OLD.quantity <=> NEW.quantity AND OLD.price_paid <=> NEW.price_paid) THEN
INSERT INTO sa_orders_change (context_id, at, table_name, row_key, owner_table, owner_key, action, version, old_values, new_values) VALUES ((SELECT id FROM sa_orders_history_context WHERE id = @sa_orders_history_context), UTC_TIMESTAMP(6), 'sa_orders_order_item', CONCAT_WS('/', NEW.order_id, NEW.item_id), 'sa_orders_order', CONCAT_WS('/', NEW.order_id), 'update', NULL, JSON_MERGE_PRESERVE('{}', IF(OLD.order_id <=> NEW.order_id, '{}', JSON_OBJECT('order_id', OLD.order_id)), IF(OLD.item_id <=> NEW.item_id, '{}', JSON_OBJECT('item_id', OLD.item_id)), IF(OLD.quantity <=> NEW.quantity, '{}', JSON_OBJECT('quantity', OLD.quantity)), IF(OLD.price_paid <=> NEW.price_paid, '{}', JSON_OBJECT('price_paid', OLD.price_paid))), JSON_MERGE_PRESERVE('{}', IF(OLD.order_id <=> NEW.order_id, '{}', JSON_OBJECT('order_id', NEW.order_id)), IF(OLD.item_id <=> NEW.item_id, '{}', JSON_OBJECT('item_id', NEW.item_id)), IF(OLD.quantity <=> NEW.quantity, '{}', JSON_OBJECT('quantity', NEW.quantity)), IF(OLD.price_paid <=> NEW.price_paid, '{}', JSON_OBJECT('price_paid', NEW.price_paid))));
END IF;
END""",
        """CREATE TRIGGER sa_orders_order_item_history_after_delete AFTER DELETE ON sa_orders_order_item FOR EACH ROW
BEGIN
INSERT INTO sa_orders_change (context_id, at, table_name, row_key, owner_table, owner_key, action, version, old_values, new_values) VALUES ((SELECT id FROM sa_orders_history_context WHERE id = @sa_orders_history_context), UTC_TIMESTAMP(6), 'sa_orders_order_item', CONCAT_WS('/', OLD.order_id, OLD.item_id), 'sa_orders_order', CONCAT_WS('/', OLD.order_id), 'delete', NULL, JSON_OBJECT('order_id', OLD.order_id, 'item_id', OLD.item_id, 'quantity', OLD.quantity, 'price_paid', OLD.price_paid), NULL);
END""",
    ],
    "sqlite": [
        """CREATE TRIGGER sa_orders_customer_history_after_insert AFTER INSERT ON sa_orders_customer
FOR EACH ROW BEGIN
INSERT INTO sa_orders_change (context_id, at, table_name, row_key, owner_table, owner_key, action, version, old_values, new_values) VALUES ((SELECT context_id FROM sa_orders_history_now WHERE id = 1), strftime('%Y-%m-%d %H:%M:%f', 'now'), 'sa_orders_customer', CAST(NEW.id AS TEXT), 'sa_orders_customer', CAST(NEW.id AS TEXT), 'create', NEW.version, NULL, json_object('id', NEW.id, 'name', NEW.name, 'email', NEW.email, 'phone', NEW.phone, 'created_at', NEW.created_at, 'updated_at', NEW.updated_at, 'version', NEW.version));
END""",
        """CREATE TRIGGER sa_orders_customer_history_after_update AFTER UPDATE ON sa_orders_customer
FOR EACH ROW WHEN NOT (OLD.id IS NEW.id AND OLD.name IS NEW.name AND OLD.email IS NEW.email AND OLD.phone IS NEW.phone AND OLD.created_at IS NEW.created_at) BEGIN
INSERT INTO sa_orders_change (context_id, at, table_name, row_key, owner_table, owner_key, action, version, old_values, new_values) VALUES ((SELECT context_id FROM sa_orders_history_now WHERE id = 1), strftime('%Y-%m-%d %H:%M:%f', 'now'), 'sa_orders_customer', CAST(NEW.id AS TEXT), 'sa_orders_customer', CAST(NEW.id AS TEXT), 'update', NEW.version, (SELECT json_group_object(k, v) FROM (SELECT 'id' AS k, OLD.id AS v WHERE OLD.id IS NOT NEW.id UNION ALL SELECT 'name' AS k, OLD.name AS v WHERE OLD.name IS NOT NEW.name UNION ALL SELECT 'email' AS k, OLD.email AS v WHERE OLD.email IS NOT NEW.email UNION ALL SELECT 'phone' AS k, OLD.phone AS v WHERE OLD.phone IS NOT NEW.phone UNION ALL SELECT 'created_at' AS k, OLD.created_at AS v WHERE OLD.created_at IS NOT NEW.created_at)), (SELECT json_group_object(k, v) FROM (SELECT 'id' AS k, NEW.id AS v WHERE OLD.id IS NOT NEW.id UNION ALL SELECT 'name' AS k, NEW.name AS v WHERE OLD.name IS NOT NEW.name UNION ALL SELECT 'email' AS k, NEW.email AS v WHERE OLD.email IS NOT NEW.email UNION ALL SELECT 'phone' AS k, NEW.phone AS v WHERE OLD.phone IS NOT NEW.phone UNION ALL SELECT 'created_at' AS k, NEW.created_at AS v WHERE OLD.created_at IS NOT NEW.created_at)));
END""",
        """CREATE TRIGGER sa_orders_customer_history_after_delete AFTER DELETE ON sa_orders_customer
FOR EACH ROW BEGIN
INSERT INTO sa_orders_change (context_id, at, table_name, row_key, owner_table, owner_key, action, version, old_values, new_values) VALUES ((SELECT context_id FROM sa_orders_history_now WHERE id = 1), strftime('%Y-%m-%d %H:%M:%f', 'now'), 'sa_orders_customer', CAST(OLD.id AS TEXT), 'sa_orders_customer', CAST(OLD.id AS TEXT), 'delete', OLD.version, json_object('id', OLD.id, 'name', OLD.name, 'email', OLD.email, 'phone', OLD.phone, 'created_at', OLD.created_at, 'updated_at', OLD.updated_at, 'version', OLD.version), NULL);
END""",
        """CREATE TRIGGER sa_orders_category_history_after_insert AFTER INSERT ON sa_orders_category
FOR EACH ROW BEGIN
INSERT INTO sa_orders_change (context_id, at, table_name, row_key, owner_table, owner_key, action, version, old_values, new_values) VALUES ((SELECT context_id FROM sa_orders_history_now WHERE id = 1), strftime('%Y-%m-%d %H:%M:%f', 'now'), 'sa_orders_category', CAST(NEW.id AS TEXT), 'sa_orders_category', CAST(NEW.id AS TEXT), 'create', NULL, NULL, json_object('id', NEW.id, 'name', NEW.name, 'parent_id', NEW.parent_id));
END""",
        """CREATE TRIGGER sa_orders_category_history_after_update AFTER UPDATE ON sa_orders_category
FOR EACH ROW WHEN NOT (OLD.id IS NEW.id AND OLD.name IS NEW.name AND OLD.parent_id IS NEW.parent_id) BEGIN
INSERT INTO sa_orders_change (context_id, at, table_name, row_key, owner_table, owner_key, action, version, old_values, new_values) VALUES ((SELECT context_id FROM sa_orders_history_now WHERE id = 1), strftime('%Y-%m-%d %H:%M:%f', 'now'), 'sa_orders_category', CAST(NEW.id AS TEXT), 'sa_orders_category', CAST(NEW.id AS TEXT), 'update', NULL, (SELECT json_group_object(k, v) FROM (SELECT 'id' AS k, OLD.id AS v WHERE OLD.id IS NOT NEW.id UNION ALL SELECT 'name' AS k, OLD.name AS v WHERE OLD.name IS NOT NEW.name UNION ALL SELECT 'parent_id' AS k, OLD.parent_id AS v WHERE OLD.parent_id IS NOT NEW.parent_id)), (SELECT json_group_object(k, v) FROM (SELECT 'id' AS k, NEW.id AS v WHERE OLD.id IS NOT NEW.id UNION ALL SELECT 'name' AS k, NEW.name AS v WHERE OLD.name IS NOT NEW.name UNION ALL SELECT 'parent_id' AS k, NEW.parent_id AS v WHERE OLD.parent_id IS NOT NEW.parent_id)));
END""",
        """CREATE TRIGGER sa_orders_category_history_after_delete AFTER DELETE ON sa_orders_category
FOR EACH ROW BEGIN
INSERT INTO sa_orders_change (context_id, at, table_name, row_key, owner_table, owner_key, action, version, old_values, new_values) VALUES ((SELECT context_id FROM sa_orders_history_now WHERE id = 1), strftime('%Y-%m-%d %H:%M:%f', 'now'), 'sa_orders_category', CAST(OLD.id AS TEXT), 'sa_orders_category', CAST(OLD.id AS TEXT), 'delete', NULL, json_object('id', OLD.id, 'name', OLD.name, 'parent_id', OLD.parent_id), NULL);
END""",
        """CREATE TRIGGER sa_orders_item_history_after_insert AFTER INSERT ON sa_orders_item
FOR EACH ROW BEGIN
INSERT INTO sa_orders_change (context_id, at, table_name, row_key, owner_table, owner_key, action, version, old_values, new_values) VALUES ((SELECT context_id FROM sa_orders_history_now WHERE id = 1), strftime('%Y-%m-%d %H:%M:%f', 'now'), 'sa_orders_item', CAST(NEW.id AS TEXT), 'sa_orders_item', CAST(NEW.id AS TEXT), 'create', NEW.version, NULL, json_object('id', NEW.id, 'sku', NEW.sku, 'name', NEW.name, 'price', NEW.price, 'active', NEW.active, 'created_at', NEW.created_at, 'updated_at', NEW.updated_at, 'version', NEW.version));
END""",
        """CREATE TRIGGER sa_orders_item_history_after_update AFTER UPDATE ON sa_orders_item
FOR EACH ROW WHEN NOT (OLD.id IS NEW.id AND OLD.sku IS NEW.sku AND OLD.name IS NEW.name AND OLD.price IS NEW.price AND OLD.active IS NEW.active AND OLD.created_at IS NEW.created_at) BEGIN
INSERT INTO sa_orders_change (context_id, at, table_name, row_key, owner_table, owner_key, action, version, old_values, new_values) VALUES ((SELECT context_id FROM sa_orders_history_now WHERE id = 1), strftime('%Y-%m-%d %H:%M:%f', 'now'), 'sa_orders_item', CAST(NEW.id AS TEXT), 'sa_orders_item', CAST(NEW.id AS TEXT), 'update', NEW.version, (SELECT json_group_object(k, v) FROM (SELECT 'id' AS k, OLD.id AS v WHERE OLD.id IS NOT NEW.id UNION ALL SELECT 'sku' AS k, OLD.sku AS v WHERE OLD.sku IS NOT NEW.sku UNION ALL SELECT 'name' AS k, OLD.name AS v WHERE OLD.name IS NOT NEW.name UNION ALL SELECT 'price' AS k, OLD.price AS v WHERE OLD.price IS NOT NEW.price UNION ALL SELECT 'active' AS k, OLD.active AS v WHERE OLD.active IS NOT NEW.active UNION ALL SELECT 'created_at' AS k, OLD.created_at AS v WHERE OLD.created_at IS NOT NEW.created_at)), (SELECT json_group_object(k, v) FROM (SELECT 'id' AS k, NEW.id AS v WHERE OLD.id IS NOT NEW.id UNION ALL SELECT 'sku' AS k, NEW.sku AS v WHERE OLD.sku IS NOT NEW.sku UNION ALL SELECT 'name' AS k, NEW.name AS v WHERE OLD.name IS NOT NEW.name UNION ALL SELECT 'price' AS k, NEW.price AS v WHERE OLD.price IS NOT NEW.price UNION ALL SELECT 'active' AS k, NEW.active AS v WHERE OLD.active IS NOT NEW.active UNION ALL SELECT 'created_at' AS k, NEW.created_at AS v WHERE OLD.created_at IS NOT NEW.created_at)));
END""",
        """CREATE TRIGGER sa_orders_item_history_after_delete AFTER DELETE ON sa_orders_item
FOR EACH ROW BEGIN
INSERT INTO sa_orders_change (context_id, at, table_name, row_key, owner_table, owner_key, action, version, old_values, new_values) VALUES ((SELECT context_id FROM sa_orders_history_now WHERE id = 1), strftime('%Y-%m-%d %H:%M:%f', 'now'), 'sa_orders_item', CAST(OLD.id AS TEXT), 'sa_orders_item', CAST(OLD.id AS TEXT), 'delete', OLD.version, json_object('id', OLD.id, 'sku', OLD.sku, 'name', OLD.name, 'price', OLD.price, 'active', OLD.active, 'created_at', OLD.created_at, 'updated_at', OLD.updated_at, 'version', OLD.version), NULL);
END""",
        """CREATE TRIGGER sa_orders_item_category_history_after_insert AFTER INSERT ON sa_orders_item_category
FOR EACH ROW BEGIN
INSERT INTO sa_orders_change (context_id, at, table_name, row_key, owner_table, owner_key, action, version, old_values, new_values) VALUES ((SELECT context_id FROM sa_orders_history_now WHERE id = 1), strftime('%Y-%m-%d %H:%M:%f', 'now'), 'sa_orders_item_category', CAST(NEW.item_id AS TEXT) || '/' || CAST(NEW.category_id AS TEXT), 'sa_orders_item', CAST(NEW.item_id AS TEXT), 'create', NULL, NULL, json_object('item_id', NEW.item_id, 'category_id', NEW.category_id));
END""",
        """CREATE TRIGGER sa_orders_item_category_history_after_update AFTER UPDATE ON sa_orders_item_category
FOR EACH ROW WHEN NOT (OLD.item_id IS NEW.item_id AND OLD.category_id IS NEW.category_id) BEGIN
INSERT INTO sa_orders_change (context_id, at, table_name, row_key, owner_table, owner_key, action, version, old_values, new_values) VALUES ((SELECT context_id FROM sa_orders_history_now WHERE id = 1), strftime('%Y-%m-%d %H:%M:%f', 'now'), 'sa_orders_item_category', CAST(NEW.item_id AS TEXT) || '/' || CAST(NEW.category_id AS TEXT), 'sa_orders_item', CAST(NEW.item_id AS TEXT), 'update', NULL, (SELECT json_group_object(k, v) FROM (SELECT 'item_id' AS k, OLD.item_id AS v WHERE OLD.item_id IS NOT NEW.item_id UNION ALL SELECT 'category_id' AS k, OLD.category_id AS v WHERE OLD.category_id IS NOT NEW.category_id)), (SELECT json_group_object(k, v) FROM (SELECT 'item_id' AS k, NEW.item_id AS v WHERE OLD.item_id IS NOT NEW.item_id UNION ALL SELECT 'category_id' AS k, NEW.category_id AS v WHERE OLD.category_id IS NOT NEW.category_id)));
END""",
        """CREATE TRIGGER sa_orders_item_category_history_after_delete AFTER DELETE ON sa_orders_item_category
FOR EACH ROW BEGIN
INSERT INTO sa_orders_change (context_id, at, table_name, row_key, owner_table, owner_key, action, version, old_values, new_values) VALUES ((SELECT context_id FROM sa_orders_history_now WHERE id = 1), strftime('%Y-%m-%d %H:%M:%f', 'now'), 'sa_orders_item_category', CAST(OLD.item_id AS TEXT) || '/' || CAST(OLD.category_id AS TEXT), 'sa_orders_item', CAST(OLD.item_id AS TEXT), 'delete', NULL, json_object('item_id', OLD.item_id, 'category_id', OLD.category_id), NULL);
END""",
        """CREATE TRIGGER sa_orders_order_history_after_insert AFTER INSERT ON sa_orders_order
FOR EACH ROW BEGIN
INSERT INTO sa_orders_change (context_id, at, table_name, row_key, owner_table, owner_key, action, version, old_values, new_values) VALUES ((SELECT context_id FROM sa_orders_history_now WHERE id = 1), strftime('%Y-%m-%d %H:%M:%f', 'now'), 'sa_orders_order', CAST(NEW.id AS TEXT), 'sa_orders_order', CAST(NEW.id AS TEXT), 'create', NEW.version, NULL, json_object('id', NEW.id, 'customer_id', NEW.customer_id, 'order_date', NEW.order_date, 'status', NEW.status, 'discount_amount', NEW.discount_amount, 'total_amount', NEW.total_amount, 'notes', NEW.notes, 'created_at', NEW.created_at, 'updated_at', NEW.updated_at, 'version', NEW.version));
END""",
        """CREATE TRIGGER sa_orders_order_history_after_update AFTER UPDATE ON sa_orders_order
FOR EACH ROW WHEN NOT (OLD.id IS NEW.id AND OLD.customer_id IS NEW.customer_id AND OLD.order_date IS NEW.order_date AND OLD.status IS NEW.status AND OLD.discount_amount IS NEW.discount_amount AND OLD.total_amount IS NEW.total_amount AND OLD.notes IS NEW.notes AND OLD.created_at IS NEW.created_at) BEGIN
INSERT INTO sa_orders_change (context_id, at, table_name, row_key, owner_table, owner_key, action, version, old_values, new_values) VALUES ((SELECT context_id FROM sa_orders_history_now WHERE id = 1), strftime('%Y-%m-%d %H:%M:%f', 'now'), 'sa_orders_order', CAST(NEW.id AS TEXT), 'sa_orders_order', CAST(NEW.id AS TEXT), 'update', NEW.version, (SELECT json_group_object(k, v) FROM (SELECT 'id' AS k, OLD.id AS v WHERE OLD.id IS NOT NEW.id UNION ALL SELECT 'customer_id' AS k, OLD.customer_id AS v WHERE OLD.customer_id IS NOT NEW.customer_id UNION ALL SELECT 'order_date' AS k, OLD.order_date AS v WHERE OLD.order_date IS NOT NEW.order_date UNION ALL SELECT 'status' AS k, OLD.status AS v WHERE OLD.status IS NOT NEW.status UNION ALL SELECT 'discount_amount' AS k, OLD.discount_amount AS v WHERE OLD.discount_amount IS NOT NEW.discount_amount UNION ALL SELECT 'total_amount' AS k, OLD.total_amount AS v WHERE OLD.total_amount IS NOT NEW.total_amount UNION ALL SELECT 'notes' AS k, OLD.notes AS v WHERE OLD.notes IS NOT NEW.notes UNION ALL SELECT 'created_at' AS k, OLD.created_at AS v WHERE OLD.created_at IS NOT NEW.created_at)), (SELECT json_group_object(k, v) FROM (SELECT 'id' AS k, NEW.id AS v WHERE OLD.id IS NOT NEW.id UNION ALL SELECT 'customer_id' AS k, NEW.customer_id AS v WHERE OLD.customer_id IS NOT NEW.customer_id UNION ALL SELECT 'order_date' AS k, NEW.order_date AS v WHERE OLD.order_date IS NOT NEW.order_date UNION ALL SELECT 'status' AS k, NEW.status AS v WHERE OLD.status IS NOT NEW.status UNION ALL SELECT 'discount_amount' AS k, NEW.discount_amount AS v WHERE OLD.discount_amount IS NOT NEW.discount_amount UNION ALL SELECT 'total_amount' AS k, NEW.total_amount AS v WHERE OLD.total_amount IS NOT NEW.total_amount UNION ALL SELECT 'notes' AS k, NEW.notes AS v WHERE OLD.notes IS NOT NEW.notes UNION ALL SELECT 'created_at' AS k, NEW.created_at AS v WHERE OLD.created_at IS NOT NEW.created_at)));
END""",
        """CREATE TRIGGER sa_orders_order_history_after_delete AFTER DELETE ON sa_orders_order
FOR EACH ROW BEGIN
INSERT INTO sa_orders_change (context_id, at, table_name, row_key, owner_table, owner_key, action, version, old_values, new_values) VALUES ((SELECT context_id FROM sa_orders_history_now WHERE id = 1), strftime('%Y-%m-%d %H:%M:%f', 'now'), 'sa_orders_order', CAST(OLD.id AS TEXT), 'sa_orders_order', CAST(OLD.id AS TEXT), 'delete', OLD.version, json_object('id', OLD.id, 'customer_id', OLD.customer_id, 'order_date', OLD.order_date, 'status', OLD.status, 'discount_amount', OLD.discount_amount, 'total_amount', OLD.total_amount, 'notes', OLD.notes, 'created_at', OLD.created_at, 'updated_at', OLD.updated_at, 'version', OLD.version), NULL);
END""",
        """CREATE TRIGGER sa_orders_order_item_history_after_insert AFTER INSERT ON sa_orders_order_item
FOR EACH ROW BEGIN
INSERT INTO sa_orders_change (context_id, at, table_name, row_key, owner_table, owner_key, action, version, old_values, new_values) VALUES ((SELECT context_id FROM sa_orders_history_now WHERE id = 1), strftime('%Y-%m-%d %H:%M:%f', 'now'), 'sa_orders_order_item', CAST(NEW.order_id AS TEXT) || '/' || CAST(NEW.item_id AS TEXT), 'sa_orders_order', CAST(NEW.order_id AS TEXT), 'create', NULL, NULL, json_object('order_id', NEW.order_id, 'item_id', NEW.item_id, 'quantity', NEW.quantity, 'price_paid', NEW.price_paid));
END""",
        """CREATE TRIGGER sa_orders_order_item_history_after_update AFTER UPDATE ON sa_orders_order_item
FOR EACH ROW WHEN NOT (OLD.order_id IS NEW.order_id AND OLD.item_id IS NEW.item_id AND OLD.quantity IS NEW.quantity AND OLD.price_paid IS NEW.price_paid) BEGIN
INSERT INTO sa_orders_change (context_id, at, table_name, row_key, owner_table, owner_key, action, version, old_values, new_values) VALUES ((SELECT context_id FROM sa_orders_history_now WHERE id = 1), strftime('%Y-%m-%d %H:%M:%f', 'now'), 'sa_orders_order_item', CAST(NEW.order_id AS TEXT) || '/' || CAST(NEW.item_id AS TEXT), 'sa_orders_order', CAST(NEW.order_id AS TEXT), 'update', NULL, (SELECT json_group_object(k, v) FROM (SELECT 'order_id' AS k, OLD.order_id AS v WHERE OLD.order_id IS NOT NEW.order_id UNION ALL SELECT 'item_id' AS k, OLD.item_id AS v WHERE OLD.item_id IS NOT NEW.item_id UNION ALL SELECT 'quantity' AS k, OLD.quantity AS v WHERE OLD.quantity IS NOT NEW.quantity UNION ALL SELECT 'price_paid' AS k, OLD.price_paid AS v WHERE OLD.price_paid IS NOT NEW.price_paid)), (SELECT json_group_object(k, v) FROM (SELECT 'order_id' AS k, NEW.order_id AS v WHERE OLD.order_id IS NOT NEW.order_id UNION ALL SELECT 'item_id' AS k, NEW.item_id AS v WHERE OLD.item_id IS NOT NEW.item_id UNION ALL SELECT 'quantity' AS k, NEW.quantity AS v WHERE OLD.quantity IS NOT NEW.quantity UNION ALL SELECT 'price_paid' AS k, NEW.price_paid AS v WHERE OLD.price_paid IS NOT NEW.price_paid)));
END""",
        """CREATE TRIGGER sa_orders_order_item_history_after_delete AFTER DELETE ON sa_orders_order_item
FOR EACH ROW BEGIN
INSERT INTO sa_orders_change (context_id, at, table_name, row_key, owner_table, owner_key, action, version, old_values, new_values) VALUES ((SELECT context_id FROM sa_orders_history_now WHERE id = 1), strftime('%Y-%m-%d %H:%M:%f', 'now'), 'sa_orders_order_item', CAST(OLD.order_id AS TEXT) || '/' || CAST(OLD.item_id AS TEXT), 'sa_orders_order', CAST(OLD.order_id AS TEXT), 'delete', NULL, json_object('order_id', OLD.order_id, 'item_id', OLD.item_id, 'quantity', OLD.quantity, 'price_paid', OLD.price_paid), NULL);
END""",
    ],
}

DROP_TRIGGERS = {
    "postgresql": [
        """DROP TRIGGER IF EXISTS sa_orders_order_item_history_after_delete ON sa_orders_order_item""",
        """DROP FUNCTION IF EXISTS sa_orders_order_item_history_after_delete()""",
        """DROP TRIGGER IF EXISTS sa_orders_order_item_history_after_update ON sa_orders_order_item""",
        """DROP FUNCTION IF EXISTS sa_orders_order_item_history_after_update()""",
        """DROP TRIGGER IF EXISTS sa_orders_order_item_history_after_insert ON sa_orders_order_item""",
        """DROP FUNCTION IF EXISTS sa_orders_order_item_history_after_insert()""",
        """DROP TRIGGER IF EXISTS sa_orders_order_history_after_delete ON sa_orders_order""",
        """DROP FUNCTION IF EXISTS sa_orders_order_history_after_delete()""",
        """DROP TRIGGER IF EXISTS sa_orders_order_history_after_update ON sa_orders_order""",
        """DROP FUNCTION IF EXISTS sa_orders_order_history_after_update()""",
        """DROP TRIGGER IF EXISTS sa_orders_order_history_after_insert ON sa_orders_order""",
        """DROP FUNCTION IF EXISTS sa_orders_order_history_after_insert()""",
        """DROP TRIGGER IF EXISTS sa_orders_item_category_history_after_delete ON sa_orders_item_category""",
        """DROP FUNCTION IF EXISTS sa_orders_item_category_history_after_delete()""",
        """DROP TRIGGER IF EXISTS sa_orders_item_category_history_after_update ON sa_orders_item_category""",
        """DROP FUNCTION IF EXISTS sa_orders_item_category_history_after_update()""",
        """DROP TRIGGER IF EXISTS sa_orders_item_category_history_after_insert ON sa_orders_item_category""",
        """DROP FUNCTION IF EXISTS sa_orders_item_category_history_after_insert()""",
        """DROP TRIGGER IF EXISTS sa_orders_item_history_after_delete ON sa_orders_item""",
        """DROP FUNCTION IF EXISTS sa_orders_item_history_after_delete()""",
        """DROP TRIGGER IF EXISTS sa_orders_item_history_after_update ON sa_orders_item""",
        """DROP FUNCTION IF EXISTS sa_orders_item_history_after_update()""",
        """DROP TRIGGER IF EXISTS sa_orders_item_history_after_insert ON sa_orders_item""",
        """DROP FUNCTION IF EXISTS sa_orders_item_history_after_insert()""",
        """DROP TRIGGER IF EXISTS sa_orders_category_history_after_delete ON sa_orders_category""",
        """DROP FUNCTION IF EXISTS sa_orders_category_history_after_delete()""",
        """DROP TRIGGER IF EXISTS sa_orders_category_history_after_update ON sa_orders_category""",
        """DROP FUNCTION IF EXISTS sa_orders_category_history_after_update()""",
        """DROP TRIGGER IF EXISTS sa_orders_category_history_after_insert ON sa_orders_category""",
        """DROP FUNCTION IF EXISTS sa_orders_category_history_after_insert()""",
        """DROP TRIGGER IF EXISTS sa_orders_customer_history_after_delete ON sa_orders_customer""",
        """DROP FUNCTION IF EXISTS sa_orders_customer_history_after_delete()""",
        """DROP TRIGGER IF EXISTS sa_orders_customer_history_after_update ON sa_orders_customer""",
        """DROP FUNCTION IF EXISTS sa_orders_customer_history_after_update()""",
        """DROP TRIGGER IF EXISTS sa_orders_customer_history_after_insert ON sa_orders_customer""",
        """DROP FUNCTION IF EXISTS sa_orders_customer_history_after_insert()""",
    ],
    "mysql": [
        """DROP TRIGGER IF EXISTS sa_orders_order_item_history_after_delete""",
        """DROP TRIGGER IF EXISTS sa_orders_order_item_history_after_update""",
        """DROP TRIGGER IF EXISTS sa_orders_order_item_history_after_insert""",
        """DROP TRIGGER IF EXISTS sa_orders_order_history_before_delete""",
        """DROP TRIGGER IF EXISTS sa_orders_order_history_after_delete""",
        """DROP TRIGGER IF EXISTS sa_orders_order_history_after_update""",
        """DROP TRIGGER IF EXISTS sa_orders_order_history_after_insert""",
        """DROP TRIGGER IF EXISTS sa_orders_item_category_history_after_delete""",
        """DROP TRIGGER IF EXISTS sa_orders_item_category_history_after_update""",
        """DROP TRIGGER IF EXISTS sa_orders_item_category_history_after_insert""",
        """DROP TRIGGER IF EXISTS sa_orders_item_history_before_delete""",
        """DROP TRIGGER IF EXISTS sa_orders_item_history_after_delete""",
        """DROP TRIGGER IF EXISTS sa_orders_item_history_after_update""",
        """DROP TRIGGER IF EXISTS sa_orders_item_history_after_insert""",
        """DROP TRIGGER IF EXISTS sa_orders_category_history_before_delete""",
        """DROP TRIGGER IF EXISTS sa_orders_category_history_after_delete""",
        """DROP TRIGGER IF EXISTS sa_orders_category_history_after_update""",
        """DROP TRIGGER IF EXISTS sa_orders_category_history_after_insert""",
        """DROP TRIGGER IF EXISTS sa_orders_customer_history_before_delete""",
        """DROP TRIGGER IF EXISTS sa_orders_customer_history_after_delete""",
        """DROP TRIGGER IF EXISTS sa_orders_customer_history_after_update""",
        """DROP TRIGGER IF EXISTS sa_orders_customer_history_after_insert""",
    ],
    "sqlite": [
        """DROP TRIGGER IF EXISTS sa_orders_order_item_history_after_delete""",
        """DROP TRIGGER IF EXISTS sa_orders_order_item_history_after_update""",
        """DROP TRIGGER IF EXISTS sa_orders_order_item_history_after_insert""",
        """DROP TRIGGER IF EXISTS sa_orders_order_history_after_delete""",
        """DROP TRIGGER IF EXISTS sa_orders_order_history_after_update""",
        """DROP TRIGGER IF EXISTS sa_orders_order_history_after_insert""",
        """DROP TRIGGER IF EXISTS sa_orders_item_category_history_after_delete""",
        """DROP TRIGGER IF EXISTS sa_orders_item_category_history_after_update""",
        """DROP TRIGGER IF EXISTS sa_orders_item_category_history_after_insert""",
        """DROP TRIGGER IF EXISTS sa_orders_item_history_after_delete""",
        """DROP TRIGGER IF EXISTS sa_orders_item_history_after_update""",
        """DROP TRIGGER IF EXISTS sa_orders_item_history_after_insert""",
        """DROP TRIGGER IF EXISTS sa_orders_category_history_after_delete""",
        """DROP TRIGGER IF EXISTS sa_orders_category_history_after_update""",
        """DROP TRIGGER IF EXISTS sa_orders_category_history_after_insert""",
        """DROP TRIGGER IF EXISTS sa_orders_customer_history_after_delete""",
        """DROP TRIGGER IF EXISTS sa_orders_customer_history_after_update""",
        """DROP TRIGGER IF EXISTS sa_orders_customer_history_after_insert""",
    ],
}
