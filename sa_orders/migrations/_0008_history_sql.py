"""The SQL of migration 0008, frozen as it was when the migration was written (generated
from sa_orders.models.history_triggers on that day).

Never edit this to change a trigger: write a new migration. tests/models/test_history.py
checks that the latest frozen triggers are what the models say.
"""

TRIGGERS = {
    "postgresql": [
        """CREATE FUNCTION sa_orders_customer_history_after_insert() RETURNS trigger LANGUAGE plpgsql
SET jit = off SET work_mem = '64MB' AS $body$
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
        """CREATE FUNCTION sa_orders_customer_history_after_update() RETURNS trigger LANGUAGE plpgsql
SET jit = off SET work_mem = '64MB' AS $body$
DECLARE
    -- the transaction's context, if it is still there (a savepoint may have taken it)
    context bigint := (
        SELECT id FROM sa_orders_history_context
        WHERE id = NULLIF(current_setting('sa_orders.history_context', true), '')::bigint
    );
BEGIN
INSERT INTO sa_orders_change (context_id, at, table_name, row_key, owner_table, owner_key, action, version, old_values, new_values)
SELECT context, statement_timestamp(), 'sa_orders_customer', n.id::text, 'sa_orders_customer', n.id::text, 'update', n.version, ((CASE WHEN o.id IS DISTINCT FROM n.id THEN jsonb_build_object('id', o.id) ELSE '{}' END)
 || (CASE WHEN o.name IS DISTINCT FROM n.name THEN jsonb_build_object('name', o.name) ELSE '{}' END)
 || (CASE WHEN o.email IS DISTINCT FROM n.email THEN jsonb_build_object('email', o.email) ELSE '{}' END)
 || (CASE WHEN o.phone IS DISTINCT FROM n.phone THEN jsonb_build_object('phone', o.phone) ELSE '{}' END)
 || (CASE WHEN o.created_at IS DISTINCT FROM n.created_at THEN jsonb_build_object('created_at', o.created_at) ELSE '{}' END))::text,
((CASE WHEN o.id IS DISTINCT FROM n.id THEN jsonb_build_object('id', n.id) ELSE '{}' END)
 || (CASE WHEN o.name IS DISTINCT FROM n.name THEN jsonb_build_object('name', n.name) ELSE '{}' END)
 || (CASE WHEN o.email IS DISTINCT FROM n.email THEN jsonb_build_object('email', n.email) ELSE '{}' END)
 || (CASE WHEN o.phone IS DISTINCT FROM n.phone THEN jsonb_build_object('phone', n.phone) ELSE '{}' END)
 || (CASE WHEN o.created_at IS DISTINCT FROM n.created_at THEN jsonb_build_object('created_at', n.created_at) ELSE '{}' END))::text
FROM old_rows AS o JOIN new_rows AS n ON n.id = o.id
WHERE o.id IS DISTINCT FROM n.id
   OR o.name IS DISTINCT FROM n.name
   OR o.email IS DISTINCT FROM n.email
   OR o.phone IS DISTINCT FROM n.phone
   OR o.created_at IS DISTINCT FROM n.created_at;
RETURN NULL;
END
$body$""",
        """CREATE TRIGGER sa_orders_customer_history_after_update AFTER UPDATE ON sa_orders_customer REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION sa_orders_customer_history_after_update()""",
        """CREATE FUNCTION sa_orders_customer_history_after_delete() RETURNS trigger LANGUAGE plpgsql
SET jit = off SET work_mem = '64MB' AS $body$
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
        """CREATE FUNCTION sa_orders_category_history_after_insert() RETURNS trigger LANGUAGE plpgsql
SET jit = off SET work_mem = '64MB' AS $body$
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
        """CREATE FUNCTION sa_orders_category_history_after_update() RETURNS trigger LANGUAGE plpgsql
SET jit = off SET work_mem = '64MB' AS $body$
DECLARE
    -- the transaction's context, if it is still there (a savepoint may have taken it)
    context bigint := (
        SELECT id FROM sa_orders_history_context
        WHERE id = NULLIF(current_setting('sa_orders.history_context', true), '')::bigint
    );
BEGIN
INSERT INTO sa_orders_change (context_id, at, table_name, row_key, owner_table, owner_key, action, version, old_values, new_values)
SELECT context, statement_timestamp(), 'sa_orders_category', n.id::text, 'sa_orders_category', n.id::text, 'update', NULL, ((CASE WHEN o.id IS DISTINCT FROM n.id THEN jsonb_build_object('id', o.id) ELSE '{}' END)
 || (CASE WHEN o.name IS DISTINCT FROM n.name THEN jsonb_build_object('name', o.name) ELSE '{}' END)
 || (CASE WHEN o.parent_id IS DISTINCT FROM n.parent_id THEN jsonb_build_object('parent_id', o.parent_id) ELSE '{}' END))::text,
((CASE WHEN o.id IS DISTINCT FROM n.id THEN jsonb_build_object('id', n.id) ELSE '{}' END)
 || (CASE WHEN o.name IS DISTINCT FROM n.name THEN jsonb_build_object('name', n.name) ELSE '{}' END)
 || (CASE WHEN o.parent_id IS DISTINCT FROM n.parent_id THEN jsonb_build_object('parent_id', n.parent_id) ELSE '{}' END))::text
FROM old_rows AS o JOIN new_rows AS n ON n.id = o.id
WHERE o.id IS DISTINCT FROM n.id
   OR o.name IS DISTINCT FROM n.name
   OR o.parent_id IS DISTINCT FROM n.parent_id;
RETURN NULL;
END
$body$""",
        """CREATE TRIGGER sa_orders_category_history_after_update AFTER UPDATE ON sa_orders_category REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION sa_orders_category_history_after_update()""",
        """CREATE FUNCTION sa_orders_category_history_after_delete() RETURNS trigger LANGUAGE plpgsql
SET jit = off SET work_mem = '64MB' AS $body$
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
        """CREATE FUNCTION sa_orders_item_history_after_insert() RETURNS trigger LANGUAGE plpgsql
SET jit = off SET work_mem = '64MB' AS $body$
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
        """CREATE FUNCTION sa_orders_item_history_after_update() RETURNS trigger LANGUAGE plpgsql
SET jit = off SET work_mem = '64MB' AS $body$
DECLARE
    -- the transaction's context, if it is still there (a savepoint may have taken it)
    context bigint := (
        SELECT id FROM sa_orders_history_context
        WHERE id = NULLIF(current_setting('sa_orders.history_context', true), '')::bigint
    );
BEGIN
INSERT INTO sa_orders_change (context_id, at, table_name, row_key, owner_table, owner_key, action, version, old_values, new_values)
SELECT context, statement_timestamp(), 'sa_orders_item', n.id::text, 'sa_orders_item', n.id::text, 'update', n.version, ((CASE WHEN o.id IS DISTINCT FROM n.id THEN jsonb_build_object('id', o.id) ELSE '{}' END)
 || (CASE WHEN o.sku IS DISTINCT FROM n.sku THEN jsonb_build_object('sku', o.sku) ELSE '{}' END)
 || (CASE WHEN o.name IS DISTINCT FROM n.name THEN jsonb_build_object('name', o.name) ELSE '{}' END)
 || (CASE WHEN o.price IS DISTINCT FROM n.price THEN jsonb_build_object('price', o.price) ELSE '{}' END)
 || (CASE WHEN o.active IS DISTINCT FROM n.active THEN jsonb_build_object('active', o.active) ELSE '{}' END)
 || (CASE WHEN o.created_at IS DISTINCT FROM n.created_at THEN jsonb_build_object('created_at', o.created_at) ELSE '{}' END))::text,
((CASE WHEN o.id IS DISTINCT FROM n.id THEN jsonb_build_object('id', n.id) ELSE '{}' END)
 || (CASE WHEN o.sku IS DISTINCT FROM n.sku THEN jsonb_build_object('sku', n.sku) ELSE '{}' END)
 || (CASE WHEN o.name IS DISTINCT FROM n.name THEN jsonb_build_object('name', n.name) ELSE '{}' END)
 || (CASE WHEN o.price IS DISTINCT FROM n.price THEN jsonb_build_object('price', n.price) ELSE '{}' END)
 || (CASE WHEN o.active IS DISTINCT FROM n.active THEN jsonb_build_object('active', n.active) ELSE '{}' END)
 || (CASE WHEN o.created_at IS DISTINCT FROM n.created_at THEN jsonb_build_object('created_at', n.created_at) ELSE '{}' END))::text
FROM old_rows AS o JOIN new_rows AS n ON n.id = o.id
WHERE o.id IS DISTINCT FROM n.id
   OR o.sku IS DISTINCT FROM n.sku
   OR o.name IS DISTINCT FROM n.name
   OR o.price IS DISTINCT FROM n.price
   OR o.active IS DISTINCT FROM n.active
   OR o.created_at IS DISTINCT FROM n.created_at;
RETURN NULL;
END
$body$""",
        """CREATE TRIGGER sa_orders_item_history_after_update AFTER UPDATE ON sa_orders_item REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION sa_orders_item_history_after_update()""",
        """CREATE FUNCTION sa_orders_item_history_after_delete() RETURNS trigger LANGUAGE plpgsql
SET jit = off SET work_mem = '64MB' AS $body$
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
        """CREATE FUNCTION sa_orders_item_category_history_after_insert() RETURNS trigger LANGUAGE plpgsql
SET jit = off SET work_mem = '64MB' AS $body$
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
        """CREATE FUNCTION sa_orders_item_category_history_after_update() RETURNS trigger LANGUAGE plpgsql
SET jit = off SET work_mem = '64MB' AS $body$
DECLARE
    -- the transaction's context, if it is still there (a savepoint may have taken it)
    context bigint := (
        SELECT id FROM sa_orders_history_context
        WHERE id = NULLIF(current_setting('sa_orders.history_context', true), '')::bigint
    );
BEGIN
INSERT INTO sa_orders_change (context_id, at, table_name, row_key, owner_table, owner_key, action, version, old_values, new_values)
SELECT context, statement_timestamp(), 'sa_orders_item_category', n.item_id::text || '/' || n.category_id::text, 'sa_orders_item', n.item_id::text, 'update', NULL, ((CASE WHEN o.item_id IS DISTINCT FROM n.item_id THEN jsonb_build_object('item_id', o.item_id) ELSE '{}' END)
 || (CASE WHEN o.category_id IS DISTINCT FROM n.category_id THEN jsonb_build_object('category_id', o.category_id) ELSE '{}' END))::text,
((CASE WHEN o.item_id IS DISTINCT FROM n.item_id THEN jsonb_build_object('item_id', n.item_id) ELSE '{}' END)
 || (CASE WHEN o.category_id IS DISTINCT FROM n.category_id THEN jsonb_build_object('category_id', n.category_id) ELSE '{}' END))::text
FROM old_rows AS o JOIN new_rows AS n ON n.item_id = o.item_id AND n.category_id = o.category_id
WHERE o.item_id IS DISTINCT FROM n.item_id
   OR o.category_id IS DISTINCT FROM n.category_id;
RETURN NULL;
END
$body$""",
        """CREATE TRIGGER sa_orders_item_category_history_after_update AFTER UPDATE ON sa_orders_item_category REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION sa_orders_item_category_history_after_update()""",
        """CREATE FUNCTION sa_orders_item_category_history_after_delete() RETURNS trigger LANGUAGE plpgsql
SET jit = off SET work_mem = '64MB' AS $body$
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
        """CREATE FUNCTION sa_orders_order_history_after_insert() RETURNS trigger LANGUAGE plpgsql
SET jit = off SET work_mem = '64MB' AS $body$
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
        """CREATE FUNCTION sa_orders_order_history_after_update() RETURNS trigger LANGUAGE plpgsql
SET jit = off SET work_mem = '64MB' AS $body$
DECLARE
    -- the transaction's context, if it is still there (a savepoint may have taken it)
    context bigint := (
        SELECT id FROM sa_orders_history_context
        WHERE id = NULLIF(current_setting('sa_orders.history_context', true), '')::bigint
    );
BEGIN
INSERT INTO sa_orders_change (context_id, at, table_name, row_key, owner_table, owner_key, action, version, old_values, new_values)
SELECT context, statement_timestamp(), 'sa_orders_order', n.id::text, 'sa_orders_order', n.id::text, 'update', n.version, ((CASE WHEN o.id IS DISTINCT FROM n.id THEN jsonb_build_object('id', o.id) ELSE '{}' END)
 || (CASE WHEN o.customer_id IS DISTINCT FROM n.customer_id THEN jsonb_build_object('customer_id', o.customer_id) ELSE '{}' END)
 || (CASE WHEN o.order_date IS DISTINCT FROM n.order_date THEN jsonb_build_object('order_date', o.order_date) ELSE '{}' END)
 || (CASE WHEN o.status IS DISTINCT FROM n.status THEN jsonb_build_object('status', o.status) ELSE '{}' END)
 || (CASE WHEN o.discount_amount IS DISTINCT FROM n.discount_amount THEN jsonb_build_object('discount_amount', o.discount_amount) ELSE '{}' END)
 || (CASE WHEN o.total_amount IS DISTINCT FROM n.total_amount THEN jsonb_build_object('total_amount', o.total_amount) ELSE '{}' END)
 || (CASE WHEN o.notes IS DISTINCT FROM n.notes THEN jsonb_build_object('notes', o.notes) ELSE '{}' END)
 || (CASE WHEN o.created_at IS DISTINCT FROM n.created_at THEN jsonb_build_object('created_at', o.created_at) ELSE '{}' END))::text,
((CASE WHEN o.id IS DISTINCT FROM n.id THEN jsonb_build_object('id', n.id) ELSE '{}' END)
 || (CASE WHEN o.customer_id IS DISTINCT FROM n.customer_id THEN jsonb_build_object('customer_id', n.customer_id) ELSE '{}' END)
 || (CASE WHEN o.order_date IS DISTINCT FROM n.order_date THEN jsonb_build_object('order_date', n.order_date) ELSE '{}' END)
 || (CASE WHEN o.status IS DISTINCT FROM n.status THEN jsonb_build_object('status', n.status) ELSE '{}' END)
 || (CASE WHEN o.discount_amount IS DISTINCT FROM n.discount_amount THEN jsonb_build_object('discount_amount', n.discount_amount) ELSE '{}' END)
 || (CASE WHEN o.total_amount IS DISTINCT FROM n.total_amount THEN jsonb_build_object('total_amount', n.total_amount) ELSE '{}' END)
 || (CASE WHEN o.notes IS DISTINCT FROM n.notes THEN jsonb_build_object('notes', n.notes) ELSE '{}' END)
 || (CASE WHEN o.created_at IS DISTINCT FROM n.created_at THEN jsonb_build_object('created_at', n.created_at) ELSE '{}' END))::text
FROM old_rows AS o JOIN new_rows AS n ON n.id = o.id
WHERE o.id IS DISTINCT FROM n.id
   OR o.customer_id IS DISTINCT FROM n.customer_id
   OR o.order_date IS DISTINCT FROM n.order_date
   OR o.status IS DISTINCT FROM n.status
   OR o.discount_amount IS DISTINCT FROM n.discount_amount
   OR o.total_amount IS DISTINCT FROM n.total_amount
   OR o.notes IS DISTINCT FROM n.notes
   OR o.created_at IS DISTINCT FROM n.created_at;
RETURN NULL;
END
$body$""",
        """CREATE TRIGGER sa_orders_order_history_after_update AFTER UPDATE ON sa_orders_order REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION sa_orders_order_history_after_update()""",
        """CREATE FUNCTION sa_orders_order_history_after_delete() RETURNS trigger LANGUAGE plpgsql
SET jit = off SET work_mem = '64MB' AS $body$
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
        """CREATE FUNCTION sa_orders_order_item_history_after_insert() RETURNS trigger LANGUAGE plpgsql
SET jit = off SET work_mem = '64MB' AS $body$
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
        """CREATE FUNCTION sa_orders_order_item_history_after_update() RETURNS trigger LANGUAGE plpgsql
SET jit = off SET work_mem = '64MB' AS $body$
DECLARE
    -- the transaction's context, if it is still there (a savepoint may have taken it)
    context bigint := (
        SELECT id FROM sa_orders_history_context
        WHERE id = NULLIF(current_setting('sa_orders.history_context', true), '')::bigint
    );
BEGIN
INSERT INTO sa_orders_change (context_id, at, table_name, row_key, owner_table, owner_key, action, version, old_values, new_values)
SELECT context, statement_timestamp(), 'sa_orders_order_item', n.order_id::text || '/' || n.item_id::text, 'sa_orders_order', n.order_id::text, 'update', NULL, ((CASE WHEN o.order_id IS DISTINCT FROM n.order_id THEN jsonb_build_object('order_id', o.order_id) ELSE '{}' END)
 || (CASE WHEN o.item_id IS DISTINCT FROM n.item_id THEN jsonb_build_object('item_id', o.item_id) ELSE '{}' END)
 || (CASE WHEN o.quantity IS DISTINCT FROM n.quantity THEN jsonb_build_object('quantity', o.quantity) ELSE '{}' END)
 || (CASE WHEN o.price_paid IS DISTINCT FROM n.price_paid THEN jsonb_build_object('price_paid', o.price_paid) ELSE '{}' END))::text,
((CASE WHEN o.order_id IS DISTINCT FROM n.order_id THEN jsonb_build_object('order_id', n.order_id) ELSE '{}' END)
 || (CASE WHEN o.item_id IS DISTINCT FROM n.item_id THEN jsonb_build_object('item_id', n.item_id) ELSE '{}' END)
 || (CASE WHEN o.quantity IS DISTINCT FROM n.quantity THEN jsonb_build_object('quantity', n.quantity) ELSE '{}' END)
 || (CASE WHEN o.price_paid IS DISTINCT FROM n.price_paid THEN jsonb_build_object('price_paid', n.price_paid) ELSE '{}' END))::text
FROM old_rows AS o JOIN new_rows AS n ON n.order_id = o.order_id AND n.item_id = o.item_id
WHERE o.order_id IS DISTINCT FROM n.order_id
   OR o.item_id IS DISTINCT FROM n.item_id
   OR o.quantity IS DISTINCT FROM n.quantity
   OR o.price_paid IS DISTINCT FROM n.price_paid;
RETURN NULL;
END
$body$""",
        """CREATE TRIGGER sa_orders_order_item_history_after_update AFTER UPDATE ON sa_orders_order_item REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION sa_orders_order_item_history_after_update()""",
        """CREATE FUNCTION sa_orders_order_item_history_after_delete() RETURNS trigger LANGUAGE plpgsql
SET jit = off SET work_mem = '64MB' AS $body$
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
INSERT INTO sa_orders_change (context_id, at, table_name, row_key, owner_table, owner_key, action, version, old_values, new_values) VALUES ((SELECT context_id FROM sa_orders_history_now WHERE id = 1), strftime('%Y-%m-%d %H:%M:%f', 'now'), 'sa_orders_customer', CAST(NEW.id AS TEXT), 'sa_orders_customer', CAST(NEW.id AS TEXT), 'update', NEW.version, json_remove(json_object('id', OLD.id, 'name', OLD.name, 'email', OLD.email, 'phone', OLD.phone, 'created_at', OLD.created_at), CASE WHEN OLD.id IS NEW.id THEN '$.id' ELSE '$."#"' END, CASE WHEN OLD.name IS NEW.name THEN '$.name' ELSE '$."#"' END, CASE WHEN OLD.email IS NEW.email THEN '$.email' ELSE '$."#"' END, CASE WHEN OLD.phone IS NEW.phone THEN '$.phone' ELSE '$."#"' END, CASE WHEN OLD.created_at IS NEW.created_at THEN '$.created_at' ELSE '$."#"' END), json_remove(json_object('id', NEW.id, 'name', NEW.name, 'email', NEW.email, 'phone', NEW.phone, 'created_at', NEW.created_at), CASE WHEN OLD.id IS NEW.id THEN '$.id' ELSE '$."#"' END, CASE WHEN OLD.name IS NEW.name THEN '$.name' ELSE '$."#"' END, CASE WHEN OLD.email IS NEW.email THEN '$.email' ELSE '$."#"' END, CASE WHEN OLD.phone IS NEW.phone THEN '$.phone' ELSE '$."#"' END, CASE WHEN OLD.created_at IS NEW.created_at THEN '$.created_at' ELSE '$."#"' END));
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
INSERT INTO sa_orders_change (context_id, at, table_name, row_key, owner_table, owner_key, action, version, old_values, new_values) VALUES ((SELECT context_id FROM sa_orders_history_now WHERE id = 1), strftime('%Y-%m-%d %H:%M:%f', 'now'), 'sa_orders_category', CAST(NEW.id AS TEXT), 'sa_orders_category', CAST(NEW.id AS TEXT), 'update', NULL, json_remove(json_object('id', OLD.id, 'name', OLD.name, 'parent_id', OLD.parent_id), CASE WHEN OLD.id IS NEW.id THEN '$.id' ELSE '$."#"' END, CASE WHEN OLD.name IS NEW.name THEN '$.name' ELSE '$."#"' END, CASE WHEN OLD.parent_id IS NEW.parent_id THEN '$.parent_id' ELSE '$."#"' END), json_remove(json_object('id', NEW.id, 'name', NEW.name, 'parent_id', NEW.parent_id), CASE WHEN OLD.id IS NEW.id THEN '$.id' ELSE '$."#"' END, CASE WHEN OLD.name IS NEW.name THEN '$.name' ELSE '$."#"' END, CASE WHEN OLD.parent_id IS NEW.parent_id THEN '$.parent_id' ELSE '$."#"' END));
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
INSERT INTO sa_orders_change (context_id, at, table_name, row_key, owner_table, owner_key, action, version, old_values, new_values) VALUES ((SELECT context_id FROM sa_orders_history_now WHERE id = 1), strftime('%Y-%m-%d %H:%M:%f', 'now'), 'sa_orders_item', CAST(NEW.id AS TEXT), 'sa_orders_item', CAST(NEW.id AS TEXT), 'update', NEW.version, json_remove(json_object('id', OLD.id, 'sku', OLD.sku, 'name', OLD.name, 'price', OLD.price, 'active', OLD.active, 'created_at', OLD.created_at), CASE WHEN OLD.id IS NEW.id THEN '$.id' ELSE '$."#"' END, CASE WHEN OLD.sku IS NEW.sku THEN '$.sku' ELSE '$."#"' END, CASE WHEN OLD.name IS NEW.name THEN '$.name' ELSE '$."#"' END, CASE WHEN OLD.price IS NEW.price THEN '$.price' ELSE '$."#"' END, CASE WHEN OLD.active IS NEW.active THEN '$.active' ELSE '$."#"' END, CASE WHEN OLD.created_at IS NEW.created_at THEN '$.created_at' ELSE '$."#"' END), json_remove(json_object('id', NEW.id, 'sku', NEW.sku, 'name', NEW.name, 'price', NEW.price, 'active', NEW.active, 'created_at', NEW.created_at), CASE WHEN OLD.id IS NEW.id THEN '$.id' ELSE '$."#"' END, CASE WHEN OLD.sku IS NEW.sku THEN '$.sku' ELSE '$."#"' END, CASE WHEN OLD.name IS NEW.name THEN '$.name' ELSE '$."#"' END, CASE WHEN OLD.price IS NEW.price THEN '$.price' ELSE '$."#"' END, CASE WHEN OLD.active IS NEW.active THEN '$.active' ELSE '$."#"' END, CASE WHEN OLD.created_at IS NEW.created_at THEN '$.created_at' ELSE '$."#"' END));
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
INSERT INTO sa_orders_change (context_id, at, table_name, row_key, owner_table, owner_key, action, version, old_values, new_values) VALUES ((SELECT context_id FROM sa_orders_history_now WHERE id = 1), strftime('%Y-%m-%d %H:%M:%f', 'now'), 'sa_orders_item_category', CAST(NEW.item_id AS TEXT) || '/' || CAST(NEW.category_id AS TEXT), 'sa_orders_item', CAST(NEW.item_id AS TEXT), 'update', NULL, json_remove(json_object('item_id', OLD.item_id, 'category_id', OLD.category_id), CASE WHEN OLD.item_id IS NEW.item_id THEN '$.item_id' ELSE '$."#"' END, CASE WHEN OLD.category_id IS NEW.category_id THEN '$.category_id' ELSE '$."#"' END), json_remove(json_object('item_id', NEW.item_id, 'category_id', NEW.category_id), CASE WHEN OLD.item_id IS NEW.item_id THEN '$.item_id' ELSE '$."#"' END, CASE WHEN OLD.category_id IS NEW.category_id THEN '$.category_id' ELSE '$."#"' END));
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
INSERT INTO sa_orders_change (context_id, at, table_name, row_key, owner_table, owner_key, action, version, old_values, new_values) VALUES ((SELECT context_id FROM sa_orders_history_now WHERE id = 1), strftime('%Y-%m-%d %H:%M:%f', 'now'), 'sa_orders_order', CAST(NEW.id AS TEXT), 'sa_orders_order', CAST(NEW.id AS TEXT), 'update', NEW.version, json_remove(json_object('id', OLD.id, 'customer_id', OLD.customer_id, 'order_date', OLD.order_date, 'status', OLD.status, 'discount_amount', OLD.discount_amount, 'total_amount', OLD.total_amount, 'notes', OLD.notes, 'created_at', OLD.created_at), CASE WHEN OLD.id IS NEW.id THEN '$.id' ELSE '$."#"' END, CASE WHEN OLD.customer_id IS NEW.customer_id THEN '$.customer_id' ELSE '$."#"' END, CASE WHEN OLD.order_date IS NEW.order_date THEN '$.order_date' ELSE '$."#"' END, CASE WHEN OLD.status IS NEW.status THEN '$.status' ELSE '$."#"' END, CASE WHEN OLD.discount_amount IS NEW.discount_amount THEN '$.discount_amount' ELSE '$."#"' END, CASE WHEN OLD.total_amount IS NEW.total_amount THEN '$.total_amount' ELSE '$."#"' END, CASE WHEN OLD.notes IS NEW.notes THEN '$.notes' ELSE '$."#"' END, CASE WHEN OLD.created_at IS NEW.created_at THEN '$.created_at' ELSE '$."#"' END), json_remove(json_object('id', NEW.id, 'customer_id', NEW.customer_id, 'order_date', NEW.order_date, 'status', NEW.status, 'discount_amount', NEW.discount_amount, 'total_amount', NEW.total_amount, 'notes', NEW.notes, 'created_at', NEW.created_at), CASE WHEN OLD.id IS NEW.id THEN '$.id' ELSE '$."#"' END, CASE WHEN OLD.customer_id IS NEW.customer_id THEN '$.customer_id' ELSE '$."#"' END, CASE WHEN OLD.order_date IS NEW.order_date THEN '$.order_date' ELSE '$."#"' END, CASE WHEN OLD.status IS NEW.status THEN '$.status' ELSE '$."#"' END, CASE WHEN OLD.discount_amount IS NEW.discount_amount THEN '$.discount_amount' ELSE '$."#"' END, CASE WHEN OLD.total_amount IS NEW.total_amount THEN '$.total_amount' ELSE '$."#"' END, CASE WHEN OLD.notes IS NEW.notes THEN '$.notes' ELSE '$."#"' END, CASE WHEN OLD.created_at IS NEW.created_at THEN '$.created_at' ELSE '$."#"' END));
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
INSERT INTO sa_orders_change (context_id, at, table_name, row_key, owner_table, owner_key, action, version, old_values, new_values) VALUES ((SELECT context_id FROM sa_orders_history_now WHERE id = 1), strftime('%Y-%m-%d %H:%M:%f', 'now'), 'sa_orders_order_item', CAST(NEW.order_id AS TEXT) || '/' || CAST(NEW.item_id AS TEXT), 'sa_orders_order', CAST(NEW.order_id AS TEXT), 'update', NULL, json_remove(json_object('order_id', OLD.order_id, 'item_id', OLD.item_id, 'quantity', OLD.quantity, 'price_paid', OLD.price_paid), CASE WHEN OLD.order_id IS NEW.order_id THEN '$.order_id' ELSE '$."#"' END, CASE WHEN OLD.item_id IS NEW.item_id THEN '$.item_id' ELSE '$."#"' END, CASE WHEN OLD.quantity IS NEW.quantity THEN '$.quantity' ELSE '$."#"' END, CASE WHEN OLD.price_paid IS NEW.price_paid THEN '$.price_paid' ELSE '$."#"' END), json_remove(json_object('order_id', NEW.order_id, 'item_id', NEW.item_id, 'quantity', NEW.quantity, 'price_paid', NEW.price_paid), CASE WHEN OLD.order_id IS NEW.order_id THEN '$.order_id' ELSE '$."#"' END, CASE WHEN OLD.item_id IS NEW.item_id THEN '$.item_id' ELSE '$."#"' END, CASE WHEN OLD.quantity IS NEW.quantity THEN '$.quantity' ELSE '$."#"' END, CASE WHEN OLD.price_paid IS NEW.price_paid THEN '$.price_paid' ELSE '$."#"' END));
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
