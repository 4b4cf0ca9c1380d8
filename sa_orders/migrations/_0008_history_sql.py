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
IF @sa_orders_history_muted IS NULL THEN
INSERT INTO sa_orders_change (context_id, at, table_name, row_key, owner_table, owner_key, action, version, old_values, new_values) VALUES (@sa_orders_history_context, UTC_TIMESTAMP(6), 'sa_orders_customer', CONCAT_WS('/', NEW.id), 'sa_orders_customer', CONCAT_WS('/', NEW.id), 'create', NEW.version, NULL, JSON_OBJECT('id', NEW.id, 'name', NEW.name, 'email', NEW.email, 'phone', NEW.phone, 'created_at', NEW.created_at, 'updated_at', NEW.updated_at, 'version', NEW.version));
END IF;
END""",
        """CREATE TRIGGER sa_orders_customer_history_after_update AFTER UPDATE ON sa_orders_customer FOR EACH ROW
BEGIN
IF @sa_orders_history_muted IS NULL AND NOT (OLD.id <=> NEW.id AND OLD.name <=> NEW.name AND OLD.email <=> NEW.email AND OLD.phone <=> NEW.phone AND OLD.created_at <=> NEW.created_at) THEN
INSERT INTO sa_orders_change (context_id, at, table_name, row_key, owner_table, owner_key, action, version, old_values, new_values) VALUES (@sa_orders_history_context, UTC_TIMESTAMP(6), 'sa_orders_customer', CONCAT_WS('/', NEW.id), 'sa_orders_customer', CONCAT_WS('/', NEW.id), 'update', NEW.version, CONCAT('{', CONCAT_WS(',', IF(OLD.id <=> NEW.id, NULL, CONCAT('"id":', COALESCE(CAST(OLD.id AS CHAR), 'null'))), IF(OLD.name <=> NEW.name, NULL, CONCAT('"name":', COALESCE(JSON_QUOTE(CAST(OLD.name AS CHAR)), 'null'))), IF(OLD.email <=> NEW.email, NULL, CONCAT('"email":', COALESCE(JSON_QUOTE(CAST(OLD.email AS CHAR)), 'null'))), IF(OLD.phone <=> NEW.phone, NULL, CONCAT('"phone":', COALESCE(JSON_QUOTE(CAST(OLD.phone AS CHAR)), 'null'))), IF(OLD.created_at <=> NEW.created_at, NULL, CONCAT('"created_at":', COALESCE(JSON_QUOTE(CAST(OLD.created_at AS CHAR)), 'null')))), '}'), CONCAT('{', CONCAT_WS(',', IF(OLD.id <=> NEW.id, NULL, CONCAT('"id":', COALESCE(CAST(NEW.id AS CHAR), 'null'))), IF(OLD.name <=> NEW.name, NULL, CONCAT('"name":', COALESCE(JSON_QUOTE(CAST(NEW.name AS CHAR)), 'null'))), IF(OLD.email <=> NEW.email, NULL, CONCAT('"email":', COALESCE(JSON_QUOTE(CAST(NEW.email AS CHAR)), 'null'))), IF(OLD.phone <=> NEW.phone, NULL, CONCAT('"phone":', COALESCE(JSON_QUOTE(CAST(NEW.phone AS CHAR)), 'null'))), IF(OLD.created_at <=> NEW.created_at, NULL, CONCAT('"created_at":', COALESCE(JSON_QUOTE(CAST(NEW.created_at AS CHAR)), 'null')))), '}'));
END IF;
END""",
        """CREATE TRIGGER sa_orders_customer_history_after_delete AFTER DELETE ON sa_orders_customer FOR EACH ROW
BEGIN
INSERT INTO sa_orders_change (context_id, at, table_name, row_key, owner_table, owner_key, action, version, old_values, new_values) VALUES (@sa_orders_history_context, UTC_TIMESTAMP(6), 'sa_orders_customer', CONCAT_WS('/', OLD.id), 'sa_orders_customer', CONCAT_WS('/', OLD.id), 'delete', OLD.version, JSON_OBJECT('id', OLD.id, 'name', OLD.name, 'email', OLD.email, 'phone', OLD.phone, 'created_at', OLD.created_at, 'updated_at', OLD.updated_at, 'version', OLD.version), NULL);
END""",
        """CREATE TRIGGER sa_orders_customer_history_before_delete BEFORE DELETE ON sa_orders_customer
FOR EACH ROW
BEGIN
INSERT INTO sa_orders_change (context_id, at, table_name, row_key, owner_table, owner_key, action, version, old_values, new_values)
SELECT @sa_orders_history_context, UTC_TIMESTAMP(6), 'sa_orders_order', CONCAT_WS('/', c0.id), 'sa_orders_order', CONCAT_WS('/', c0.id), 'delete', c0.version, JSON_OBJECT('id', c0.id, 'customer_id', c0.customer_id, 'order_date', c0.order_date, 'status', c0.status, 'discount_amount', c0.discount_amount, 'total_amount', c0.total_amount, 'notes', c0.notes, 'created_at', c0.created_at, 'updated_at', c0.updated_at, 'version', c0.version), NULL
FROM sa_orders_order AS c0 WHERE c0.customer_id = OLD.id;
INSERT INTO sa_orders_change (context_id, at, table_name, row_key, owner_table, owner_key, action, version, old_values, new_values)
SELECT @sa_orders_history_context, UTC_TIMESTAMP(6), 'sa_orders_order_item', CONCAT_WS('/', c1.order_id, c1.item_id), 'sa_orders_order', CONCAT_WS('/', c1.order_id), 'delete', NULL, JSON_OBJECT('order_id', c1.order_id, 'item_id', c1.item_id, 'quantity', c1.quantity, 'price_paid', c1.price_paid), NULL
FROM sa_orders_order_item AS c1 JOIN sa_orders_order AS c0 ON c1.order_id = c0.id WHERE c0.customer_id = OLD.id;
END""",
        """CREATE TRIGGER sa_orders_category_history_after_insert AFTER INSERT ON sa_orders_category FOR EACH ROW
BEGIN
IF @sa_orders_history_muted IS NULL THEN
INSERT INTO sa_orders_change (context_id, at, table_name, row_key, owner_table, owner_key, action, version, old_values, new_values) VALUES (@sa_orders_history_context, UTC_TIMESTAMP(6), 'sa_orders_category', CONCAT_WS('/', NEW.id), 'sa_orders_category', CONCAT_WS('/', NEW.id), 'create', NULL, NULL, JSON_OBJECT('id', NEW.id, 'name', NEW.name, 'parent_id', NEW.parent_id));
END IF;
END""",
        """CREATE TRIGGER sa_orders_category_history_after_update AFTER UPDATE ON sa_orders_category FOR EACH ROW
BEGIN
IF @sa_orders_history_muted IS NULL AND NOT (OLD.id <=> NEW.id AND OLD.name <=> NEW.name AND OLD.parent_id <=> NEW.parent_id) THEN
INSERT INTO sa_orders_change (context_id, at, table_name, row_key, owner_table, owner_key, action, version, old_values, new_values) VALUES (@sa_orders_history_context, UTC_TIMESTAMP(6), 'sa_orders_category', CONCAT_WS('/', NEW.id), 'sa_orders_category', CONCAT_WS('/', NEW.id), 'update', NULL, CONCAT('{', CONCAT_WS(',', IF(OLD.id <=> NEW.id, NULL, CONCAT('"id":', COALESCE(CAST(OLD.id AS CHAR), 'null'))), IF(OLD.name <=> NEW.name, NULL, CONCAT('"name":', COALESCE(JSON_QUOTE(CAST(OLD.name AS CHAR)), 'null'))), IF(OLD.parent_id <=> NEW.parent_id, NULL, CONCAT('"parent_id":', COALESCE(CAST(OLD.parent_id AS CHAR), 'null')))), '}'), CONCAT('{', CONCAT_WS(',', IF(OLD.id <=> NEW.id, NULL, CONCAT('"id":', COALESCE(CAST(NEW.id AS CHAR), 'null'))), IF(OLD.name <=> NEW.name, NULL, CONCAT('"name":', COALESCE(JSON_QUOTE(CAST(NEW.name AS CHAR)), 'null'))), IF(OLD.parent_id <=> NEW.parent_id, NULL, CONCAT('"parent_id":', COALESCE(CAST(NEW.parent_id AS CHAR), 'null')))), '}'));
END IF;
END""",
        """CREATE TRIGGER sa_orders_category_history_after_delete AFTER DELETE ON sa_orders_category FOR EACH ROW
BEGIN
INSERT INTO sa_orders_change (context_id, at, table_name, row_key, owner_table, owner_key, action, version, old_values, new_values) VALUES (@sa_orders_history_context, UTC_TIMESTAMP(6), 'sa_orders_category', CONCAT_WS('/', OLD.id), 'sa_orders_category', CONCAT_WS('/', OLD.id), 'delete', NULL, JSON_OBJECT('id', OLD.id, 'name', OLD.name, 'parent_id', OLD.parent_id), NULL);
END""",
        """CREATE TRIGGER sa_orders_category_history_before_delete BEFORE DELETE ON sa_orders_category
FOR EACH ROW
BEGIN
INSERT INTO sa_orders_change (context_id, at, table_name, row_key, owner_table, owner_key, action, version, old_values, new_values)
SELECT @sa_orders_history_context, UTC_TIMESTAMP(6), 'sa_orders_item_category', CONCAT_WS('/', c0.item_id, c0.category_id), 'sa_orders_item', CONCAT_WS('/', c0.item_id), 'delete', NULL, JSON_OBJECT('item_id', c0.item_id, 'category_id', c0.category_id), NULL
FROM sa_orders_item_category AS c0 WHERE c0.category_id = OLD.id;
END""",
        """CREATE TRIGGER sa_orders_item_history_after_insert AFTER INSERT ON sa_orders_item FOR EACH ROW
BEGIN
IF @sa_orders_history_muted IS NULL THEN
INSERT INTO sa_orders_change (context_id, at, table_name, row_key, owner_table, owner_key, action, version, old_values, new_values) VALUES (@sa_orders_history_context, UTC_TIMESTAMP(6), 'sa_orders_item', CONCAT_WS('/', NEW.id), 'sa_orders_item', CONCAT_WS('/', NEW.id), 'create', NEW.version, NULL, JSON_OBJECT('id', NEW.id, 'sku', NEW.sku, 'name', NEW.name, 'price', NEW.price, 'active', NEW.active, 'created_at', NEW.created_at, 'updated_at', NEW.updated_at, 'version', NEW.version));
END IF;
END""",
        """CREATE TRIGGER sa_orders_item_history_after_update AFTER UPDATE ON sa_orders_item FOR EACH ROW
BEGIN
IF @sa_orders_history_muted IS NULL AND NOT (OLD.id <=> NEW.id AND OLD.sku <=> NEW.sku AND OLD.name <=> NEW.name AND OLD.price <=> NEW.price AND OLD.active <=> NEW.active AND OLD.created_at <=> NEW.created_at) THEN
INSERT INTO sa_orders_change (context_id, at, table_name, row_key, owner_table, owner_key, action, version, old_values, new_values) VALUES (@sa_orders_history_context, UTC_TIMESTAMP(6), 'sa_orders_item', CONCAT_WS('/', NEW.id), 'sa_orders_item', CONCAT_WS('/', NEW.id), 'update', NEW.version, CONCAT('{', CONCAT_WS(',', IF(OLD.id <=> NEW.id, NULL, CONCAT('"id":', COALESCE(CAST(OLD.id AS CHAR), 'null'))), IF(OLD.sku <=> NEW.sku, NULL, CONCAT('"sku":', COALESCE(JSON_QUOTE(CAST(OLD.sku AS CHAR)), 'null'))), IF(OLD.name <=> NEW.name, NULL, CONCAT('"name":', COALESCE(JSON_QUOTE(CAST(OLD.name AS CHAR)), 'null'))), IF(OLD.price <=> NEW.price, NULL, CONCAT('"price":', COALESCE(CAST(OLD.price AS CHAR), 'null'))), IF(OLD.active <=> NEW.active, NULL, CONCAT('"active":', COALESCE(CAST(OLD.active AS CHAR), 'null'))), IF(OLD.created_at <=> NEW.created_at, NULL, CONCAT('"created_at":', COALESCE(JSON_QUOTE(CAST(OLD.created_at AS CHAR)), 'null')))), '}'), CONCAT('{', CONCAT_WS(',', IF(OLD.id <=> NEW.id, NULL, CONCAT('"id":', COALESCE(CAST(NEW.id AS CHAR), 'null'))), IF(OLD.sku <=> NEW.sku, NULL, CONCAT('"sku":', COALESCE(JSON_QUOTE(CAST(NEW.sku AS CHAR)), 'null'))), IF(OLD.name <=> NEW.name, NULL, CONCAT('"name":', COALESCE(JSON_QUOTE(CAST(NEW.name AS CHAR)), 'null'))), IF(OLD.price <=> NEW.price, NULL, CONCAT('"price":', COALESCE(CAST(NEW.price AS CHAR), 'null'))), IF(OLD.active <=> NEW.active, NULL, CONCAT('"active":', COALESCE(CAST(NEW.active AS CHAR), 'null'))), IF(OLD.created_at <=> NEW.created_at, NULL, CONCAT('"created_at":', COALESCE(JSON_QUOTE(CAST(NEW.created_at AS CHAR)), 'null')))), '}'));
END IF;
END""",
        """CREATE TRIGGER sa_orders_item_history_after_delete AFTER DELETE ON sa_orders_item FOR EACH ROW
BEGIN
INSERT INTO sa_orders_change (context_id, at, table_name, row_key, owner_table, owner_key, action, version, old_values, new_values) VALUES (@sa_orders_history_context, UTC_TIMESTAMP(6), 'sa_orders_item', CONCAT_WS('/', OLD.id), 'sa_orders_item', CONCAT_WS('/', OLD.id), 'delete', OLD.version, JSON_OBJECT('id', OLD.id, 'sku', OLD.sku, 'name', OLD.name, 'price', OLD.price, 'active', OLD.active, 'created_at', OLD.created_at, 'updated_at', OLD.updated_at, 'version', OLD.version), NULL);
END""",
        """CREATE TRIGGER sa_orders_item_history_before_delete BEFORE DELETE ON sa_orders_item
FOR EACH ROW
BEGIN
INSERT INTO sa_orders_change (context_id, at, table_name, row_key, owner_table, owner_key, action, version, old_values, new_values)
SELECT @sa_orders_history_context, UTC_TIMESTAMP(6), 'sa_orders_item_category', CONCAT_WS('/', c0.item_id, c0.category_id), 'sa_orders_item', CONCAT_WS('/', c0.item_id), 'delete', NULL, JSON_OBJECT('item_id', c0.item_id, 'category_id', c0.category_id), NULL
FROM sa_orders_item_category AS c0 WHERE c0.item_id = OLD.id;
END""",
        """CREATE TRIGGER sa_orders_item_category_history_after_insert AFTER INSERT ON sa_orders_item_category FOR EACH ROW
BEGIN
IF @sa_orders_history_muted IS NULL THEN
INSERT INTO sa_orders_change (context_id, at, table_name, row_key, owner_table, owner_key, action, version, old_values, new_values) VALUES (@sa_orders_history_context, UTC_TIMESTAMP(6), 'sa_orders_item_category', CONCAT_WS('/', NEW.item_id, NEW.category_id), 'sa_orders_item', CONCAT_WS('/', NEW.item_id), 'create', NULL, NULL, JSON_OBJECT('item_id', NEW.item_id, 'category_id', NEW.category_id));
END IF;
END""",
        """CREATE TRIGGER sa_orders_item_category_history_after_update AFTER UPDATE ON sa_orders_item_category FOR EACH ROW
BEGIN
IF @sa_orders_history_muted IS NULL AND NOT (OLD.item_id <=> NEW.item_id AND OLD.category_id <=> NEW.category_id) THEN
INSERT INTO sa_orders_change (context_id, at, table_name, row_key, owner_table, owner_key, action, version, old_values, new_values) VALUES (@sa_orders_history_context, UTC_TIMESTAMP(6), 'sa_orders_item_category', CONCAT_WS('/', NEW.item_id, NEW.category_id), 'sa_orders_item', CONCAT_WS('/', NEW.item_id), 'update', NULL, CONCAT('{', CONCAT_WS(',', IF(OLD.item_id <=> NEW.item_id, NULL, CONCAT('"item_id":', COALESCE(CAST(OLD.item_id AS CHAR), 'null'))), IF(OLD.category_id <=> NEW.category_id, NULL, CONCAT('"category_id":', COALESCE(CAST(OLD.category_id AS CHAR), 'null')))), '}'), CONCAT('{', CONCAT_WS(',', IF(OLD.item_id <=> NEW.item_id, NULL, CONCAT('"item_id":', COALESCE(CAST(NEW.item_id AS CHAR), 'null'))), IF(OLD.category_id <=> NEW.category_id, NULL, CONCAT('"category_id":', COALESCE(CAST(NEW.category_id AS CHAR), 'null')))), '}'));
END IF;
END""",
        """CREATE TRIGGER sa_orders_item_category_history_after_delete AFTER DELETE ON sa_orders_item_category FOR EACH ROW
BEGIN
INSERT INTO sa_orders_change (context_id, at, table_name, row_key, owner_table, owner_key, action, version, old_values, new_values) VALUES (@sa_orders_history_context, UTC_TIMESTAMP(6), 'sa_orders_item_category', CONCAT_WS('/', OLD.item_id, OLD.category_id), 'sa_orders_item', CONCAT_WS('/', OLD.item_id), 'delete', NULL, JSON_OBJECT('item_id', OLD.item_id, 'category_id', OLD.category_id), NULL);
END""",
        """CREATE TRIGGER sa_orders_order_history_after_insert AFTER INSERT ON sa_orders_order FOR EACH ROW
BEGIN
IF @sa_orders_history_muted IS NULL THEN
INSERT INTO sa_orders_change (context_id, at, table_name, row_key, owner_table, owner_key, action, version, old_values, new_values) VALUES (@sa_orders_history_context, UTC_TIMESTAMP(6), 'sa_orders_order', CONCAT_WS('/', NEW.id), 'sa_orders_order', CONCAT_WS('/', NEW.id), 'create', NEW.version, NULL, JSON_OBJECT('id', NEW.id, 'customer_id', NEW.customer_id, 'order_date', NEW.order_date, 'status', NEW.status, 'discount_amount', NEW.discount_amount, 'total_amount', NEW.total_amount, 'notes', NEW.notes, 'created_at', NEW.created_at, 'updated_at', NEW.updated_at, 'version', NEW.version));
END IF;
END""",
        """CREATE TRIGGER sa_orders_order_history_after_update AFTER UPDATE ON sa_orders_order FOR EACH ROW
BEGIN
IF @sa_orders_history_muted IS NULL AND NOT (OLD.id <=> NEW.id AND OLD.customer_id <=> NEW.customer_id AND OLD.order_date <=> NEW.order_date AND OLD.status <=> NEW.status AND OLD.discount_amount <=> NEW.discount_amount AND OLD.total_amount <=> NEW.total_amount AND OLD.notes <=> NEW.notes AND OLD.created_at <=> NEW.created_at) THEN
INSERT INTO sa_orders_change (context_id, at, table_name, row_key, owner_table, owner_key, action, version, old_values, new_values) VALUES (@sa_orders_history_context, UTC_TIMESTAMP(6), 'sa_orders_order', CONCAT_WS('/', NEW.id), 'sa_orders_order', CONCAT_WS('/', NEW.id), 'update', NEW.version, CONCAT('{', CONCAT_WS(',', IF(OLD.id <=> NEW.id, NULL, CONCAT('"id":', COALESCE(CAST(OLD.id AS CHAR), 'null'))), IF(OLD.customer_id <=> NEW.customer_id, NULL, CONCAT('"customer_id":', COALESCE(CAST(OLD.customer_id AS CHAR), 'null'))), IF(OLD.order_date <=> NEW.order_date, NULL, CONCAT('"order_date":', COALESCE(JSON_QUOTE(CAST(OLD.order_date AS CHAR)), 'null'))), IF(OLD.status <=> NEW.status, NULL, CONCAT('"status":', COALESCE(JSON_QUOTE(CAST(OLD.status AS CHAR)), 'null'))), IF(OLD.discount_amount <=> NEW.discount_amount, NULL, CONCAT('"discount_amount":', COALESCE(CAST(OLD.discount_amount AS CHAR), 'null'))), IF(OLD.total_amount <=> NEW.total_amount, NULL, CONCAT('"total_amount":', COALESCE(CAST(OLD.total_amount AS CHAR), 'null'))), IF(OLD.notes <=> NEW.notes, NULL, CONCAT('"notes":', COALESCE(JSON_QUOTE(CAST(OLD.notes AS CHAR)), 'null'))), IF(OLD.created_at <=> NEW.created_at, NULL, CONCAT('"created_at":', COALESCE(JSON_QUOTE(CAST(OLD.created_at AS CHAR)), 'null')))), '}'), CONCAT('{', CONCAT_WS(',', IF(OLD.id <=> NEW.id, NULL, CONCAT('"id":', COALESCE(CAST(NEW.id AS CHAR), 'null'))), IF(OLD.customer_id <=> NEW.customer_id, NULL, CONCAT('"customer_id":', COALESCE(CAST(NEW.customer_id AS CHAR), 'null'))), IF(OLD.order_date <=> NEW.order_date, NULL, CONCAT('"order_date":', COALESCE(JSON_QUOTE(CAST(NEW.order_date AS CHAR)), 'null'))), IF(OLD.status <=> NEW.status, NULL, CONCAT('"status":', COALESCE(JSON_QUOTE(CAST(NEW.status AS CHAR)), 'null'))), IF(OLD.discount_amount <=> NEW.discount_amount, NULL, CONCAT('"discount_amount":', COALESCE(CAST(NEW.discount_amount AS CHAR), 'null'))), IF(OLD.total_amount <=> NEW.total_amount, NULL, CONCAT('"total_amount":', COALESCE(CAST(NEW.total_amount AS CHAR), 'null'))), IF(OLD.notes <=> NEW.notes, NULL, CONCAT('"notes":', COALESCE(JSON_QUOTE(CAST(NEW.notes AS CHAR)), 'null'))), IF(OLD.created_at <=> NEW.created_at, NULL, CONCAT('"created_at":', COALESCE(JSON_QUOTE(CAST(NEW.created_at AS CHAR)), 'null')))), '}'));
END IF;
END""",
        """CREATE TRIGGER sa_orders_order_history_after_delete AFTER DELETE ON sa_orders_order FOR EACH ROW
BEGIN
INSERT INTO sa_orders_change (context_id, at, table_name, row_key, owner_table, owner_key, action, version, old_values, new_values) VALUES (@sa_orders_history_context, UTC_TIMESTAMP(6), 'sa_orders_order', CONCAT_WS('/', OLD.id), 'sa_orders_order', CONCAT_WS('/', OLD.id), 'delete', OLD.version, JSON_OBJECT('id', OLD.id, 'customer_id', OLD.customer_id, 'order_date', OLD.order_date, 'status', OLD.status, 'discount_amount', OLD.discount_amount, 'total_amount', OLD.total_amount, 'notes', OLD.notes, 'created_at', OLD.created_at, 'updated_at', OLD.updated_at, 'version', OLD.version), NULL);
END""",
        """CREATE TRIGGER sa_orders_order_history_before_delete BEFORE DELETE ON sa_orders_order
FOR EACH ROW
BEGIN
INSERT INTO sa_orders_change (context_id, at, table_name, row_key, owner_table, owner_key, action, version, old_values, new_values)
SELECT @sa_orders_history_context, UTC_TIMESTAMP(6), 'sa_orders_order_item', CONCAT_WS('/', c0.order_id, c0.item_id), 'sa_orders_order', CONCAT_WS('/', c0.order_id), 'delete', NULL, JSON_OBJECT('order_id', c0.order_id, 'item_id', c0.item_id, 'quantity', c0.quantity, 'price_paid', c0.price_paid), NULL
FROM sa_orders_order_item AS c0 WHERE c0.order_id = OLD.id;
END""",
        """CREATE TRIGGER sa_orders_order_item_history_after_insert AFTER INSERT ON sa_orders_order_item FOR EACH ROW
BEGIN
IF @sa_orders_history_muted IS NULL THEN
INSERT INTO sa_orders_change (context_id, at, table_name, row_key, owner_table, owner_key, action, version, old_values, new_values) VALUES (@sa_orders_history_context, UTC_TIMESTAMP(6), 'sa_orders_order_item', CONCAT_WS('/', NEW.order_id, NEW.item_id), 'sa_orders_order', CONCAT_WS('/', NEW.order_id), 'create', NULL, NULL, JSON_OBJECT('order_id', NEW.order_id, 'item_id', NEW.item_id, 'quantity', NEW.quantity, 'price_paid', NEW.price_paid));
END IF;
END""",
        """CREATE TRIGGER sa_orders_order_item_history_after_update AFTER UPDATE ON sa_orders_order_item FOR EACH ROW
BEGIN
IF @sa_orders_history_muted IS NULL AND NOT (OLD.order_id <=> NEW.order_id AND OLD.item_id <=> NEW.item_id AND OLD.quantity <=> NEW.quantity AND OLD.price_paid <=> NEW.price_paid) THEN
INSERT INTO sa_orders_change (context_id, at, table_name, row_key, owner_table, owner_key, action, version, old_values, new_values) VALUES (@sa_orders_history_context, UTC_TIMESTAMP(6), 'sa_orders_order_item', CONCAT_WS('/', NEW.order_id, NEW.item_id), 'sa_orders_order', CONCAT_WS('/', NEW.order_id), 'update', NULL, CONCAT('{', CONCAT_WS(',', IF(OLD.order_id <=> NEW.order_id, NULL, CONCAT('"order_id":', COALESCE(CAST(OLD.order_id AS CHAR), 'null'))), IF(OLD.item_id <=> NEW.item_id, NULL, CONCAT('"item_id":', COALESCE(CAST(OLD.item_id AS CHAR), 'null'))), IF(OLD.quantity <=> NEW.quantity, NULL, CONCAT('"quantity":', COALESCE(CAST(OLD.quantity AS CHAR), 'null'))), IF(OLD.price_paid <=> NEW.price_paid, NULL, CONCAT('"price_paid":', COALESCE(CAST(OLD.price_paid AS CHAR), 'null')))), '}'), CONCAT('{', CONCAT_WS(',', IF(OLD.order_id <=> NEW.order_id, NULL, CONCAT('"order_id":', COALESCE(CAST(NEW.order_id AS CHAR), 'null'))), IF(OLD.item_id <=> NEW.item_id, NULL, CONCAT('"item_id":', COALESCE(CAST(NEW.item_id AS CHAR), 'null'))), IF(OLD.quantity <=> NEW.quantity, NULL, CONCAT('"quantity":', COALESCE(CAST(NEW.quantity AS CHAR), 'null'))), IF(OLD.price_paid <=> NEW.price_paid, NULL, CONCAT('"price_paid":', COALESCE(CAST(NEW.price_paid AS CHAR), 'null')))), '}'));
END IF;
END""",
        """CREATE TRIGGER sa_orders_order_item_history_after_delete AFTER DELETE ON sa_orders_order_item FOR EACH ROW
BEGIN
INSERT INTO sa_orders_change (context_id, at, table_name, row_key, owner_table, owner_key, action, version, old_values, new_values) VALUES (@sa_orders_history_context, UTC_TIMESTAMP(6), 'sa_orders_order_item', CONCAT_WS('/', OLD.order_id, OLD.item_id), 'sa_orders_order', CONCAT_WS('/', OLD.order_id), 'delete', NULL, JSON_OBJECT('order_id', OLD.order_id, 'item_id', OLD.item_id, 'quantity', OLD.quantity, 'price_paid', OLD.price_paid), NULL);
END""",
    ],
    "sqlite": [
        """CREATE TRIGGER sa_orders_customer_history_after_insert AFTER INSERT ON sa_orders_customer
FOR EACH ROW WHEN NOT EXISTS (SELECT 1 FROM sa_orders_history_now WHERE id = 0) BEGIN
INSERT INTO sa_orders_change (context_id, at, table_name, row_key, owner_table, owner_key, action, version, old_values, new_values) VALUES ((SELECT context_id FROM sa_orders_history_now WHERE id = 1), strftime('%Y-%m-%d %H:%M:%f', 'now'), 'sa_orders_customer', CAST(NEW.id AS TEXT), 'sa_orders_customer', CAST(NEW.id AS TEXT), 'create', NEW.version, NULL, json_object('id', NEW.id, 'name', NEW.name, 'email', NEW.email, 'phone', NEW.phone, 'created_at', NEW.created_at, 'updated_at', NEW.updated_at, 'version', NEW.version));
END""",
        """CREATE TRIGGER sa_orders_customer_history_after_update AFTER UPDATE ON sa_orders_customer
FOR EACH ROW WHEN NOT EXISTS (SELECT 1 FROM sa_orders_history_now WHERE id = 0) AND NOT (OLD.id IS NEW.id AND OLD.name IS NEW.name AND OLD.email IS NEW.email AND OLD.phone IS NEW.phone AND OLD.created_at IS NEW.created_at) BEGIN
INSERT INTO sa_orders_change (context_id, at, table_name, row_key, owner_table, owner_key, action, version, old_values, new_values) VALUES ((SELECT context_id FROM sa_orders_history_now WHERE id = 1), strftime('%Y-%m-%d %H:%M:%f', 'now'), 'sa_orders_customer', CAST(NEW.id AS TEXT), 'sa_orders_customer', CAST(NEW.id AS TEXT), 'update', NEW.version, '{' || rtrim(COALESCE(CASE WHEN OLD.id IS NOT NEW.id THEN '"id":' || json_quote(OLD.id) || ',' END, '') || COALESCE(CASE WHEN OLD.name IS NOT NEW.name THEN '"name":' || json_quote(OLD.name) || ',' END, '') || COALESCE(CASE WHEN OLD.email IS NOT NEW.email THEN '"email":' || json_quote(OLD.email) || ',' END, '') || COALESCE(CASE WHEN OLD.phone IS NOT NEW.phone THEN '"phone":' || json_quote(OLD.phone) || ',' END, '') || COALESCE(CASE WHEN OLD.created_at IS NOT NEW.created_at THEN '"created_at":' || json_quote(OLD.created_at) || ',' END, ''), ',') || '}', '{' || rtrim(COALESCE(CASE WHEN OLD.id IS NOT NEW.id THEN '"id":' || json_quote(NEW.id) || ',' END, '') || COALESCE(CASE WHEN OLD.name IS NOT NEW.name THEN '"name":' || json_quote(NEW.name) || ',' END, '') || COALESCE(CASE WHEN OLD.email IS NOT NEW.email THEN '"email":' || json_quote(NEW.email) || ',' END, '') || COALESCE(CASE WHEN OLD.phone IS NOT NEW.phone THEN '"phone":' || json_quote(NEW.phone) || ',' END, '') || COALESCE(CASE WHEN OLD.created_at IS NOT NEW.created_at THEN '"created_at":' || json_quote(NEW.created_at) || ',' END, ''), ',') || '}');
END""",
        """CREATE TRIGGER sa_orders_customer_history_after_delete AFTER DELETE ON sa_orders_customer
FOR EACH ROW BEGIN
INSERT INTO sa_orders_change (context_id, at, table_name, row_key, owner_table, owner_key, action, version, old_values, new_values) VALUES ((SELECT context_id FROM sa_orders_history_now WHERE id = 1), strftime('%Y-%m-%d %H:%M:%f', 'now'), 'sa_orders_customer', CAST(OLD.id AS TEXT), 'sa_orders_customer', CAST(OLD.id AS TEXT), 'delete', OLD.version, json_object('id', OLD.id, 'name', OLD.name, 'email', OLD.email, 'phone', OLD.phone, 'created_at', OLD.created_at, 'updated_at', OLD.updated_at, 'version', OLD.version), NULL);
END""",
        """CREATE TRIGGER sa_orders_category_history_after_insert AFTER INSERT ON sa_orders_category
FOR EACH ROW WHEN NOT EXISTS (SELECT 1 FROM sa_orders_history_now WHERE id = 0) BEGIN
INSERT INTO sa_orders_change (context_id, at, table_name, row_key, owner_table, owner_key, action, version, old_values, new_values) VALUES ((SELECT context_id FROM sa_orders_history_now WHERE id = 1), strftime('%Y-%m-%d %H:%M:%f', 'now'), 'sa_orders_category', CAST(NEW.id AS TEXT), 'sa_orders_category', CAST(NEW.id AS TEXT), 'create', NULL, NULL, json_object('id', NEW.id, 'name', NEW.name, 'parent_id', NEW.parent_id));
END""",
        """CREATE TRIGGER sa_orders_category_history_after_update AFTER UPDATE ON sa_orders_category
FOR EACH ROW WHEN NOT EXISTS (SELECT 1 FROM sa_orders_history_now WHERE id = 0) AND NOT (OLD.id IS NEW.id AND OLD.name IS NEW.name AND OLD.parent_id IS NEW.parent_id) BEGIN
INSERT INTO sa_orders_change (context_id, at, table_name, row_key, owner_table, owner_key, action, version, old_values, new_values) VALUES ((SELECT context_id FROM sa_orders_history_now WHERE id = 1), strftime('%Y-%m-%d %H:%M:%f', 'now'), 'sa_orders_category', CAST(NEW.id AS TEXT), 'sa_orders_category', CAST(NEW.id AS TEXT), 'update', NULL, '{' || rtrim(COALESCE(CASE WHEN OLD.id IS NOT NEW.id THEN '"id":' || json_quote(OLD.id) || ',' END, '') || COALESCE(CASE WHEN OLD.name IS NOT NEW.name THEN '"name":' || json_quote(OLD.name) || ',' END, '') || COALESCE(CASE WHEN OLD.parent_id IS NOT NEW.parent_id THEN '"parent_id":' || json_quote(OLD.parent_id) || ',' END, ''), ',') || '}', '{' || rtrim(COALESCE(CASE WHEN OLD.id IS NOT NEW.id THEN '"id":' || json_quote(NEW.id) || ',' END, '') || COALESCE(CASE WHEN OLD.name IS NOT NEW.name THEN '"name":' || json_quote(NEW.name) || ',' END, '') || COALESCE(CASE WHEN OLD.parent_id IS NOT NEW.parent_id THEN '"parent_id":' || json_quote(NEW.parent_id) || ',' END, ''), ',') || '}');
END""",
        """CREATE TRIGGER sa_orders_category_history_after_delete AFTER DELETE ON sa_orders_category
FOR EACH ROW BEGIN
INSERT INTO sa_orders_change (context_id, at, table_name, row_key, owner_table, owner_key, action, version, old_values, new_values) VALUES ((SELECT context_id FROM sa_orders_history_now WHERE id = 1), strftime('%Y-%m-%d %H:%M:%f', 'now'), 'sa_orders_category', CAST(OLD.id AS TEXT), 'sa_orders_category', CAST(OLD.id AS TEXT), 'delete', NULL, json_object('id', OLD.id, 'name', OLD.name, 'parent_id', OLD.parent_id), NULL);
END""",
        """CREATE TRIGGER sa_orders_item_history_after_insert AFTER INSERT ON sa_orders_item
FOR EACH ROW WHEN NOT EXISTS (SELECT 1 FROM sa_orders_history_now WHERE id = 0) BEGIN
INSERT INTO sa_orders_change (context_id, at, table_name, row_key, owner_table, owner_key, action, version, old_values, new_values) VALUES ((SELECT context_id FROM sa_orders_history_now WHERE id = 1), strftime('%Y-%m-%d %H:%M:%f', 'now'), 'sa_orders_item', CAST(NEW.id AS TEXT), 'sa_orders_item', CAST(NEW.id AS TEXT), 'create', NEW.version, NULL, json_object('id', NEW.id, 'sku', NEW.sku, 'name', NEW.name, 'price', NEW.price, 'active', NEW.active, 'created_at', NEW.created_at, 'updated_at', NEW.updated_at, 'version', NEW.version));
END""",
        """CREATE TRIGGER sa_orders_item_history_after_update AFTER UPDATE ON sa_orders_item
FOR EACH ROW WHEN NOT EXISTS (SELECT 1 FROM sa_orders_history_now WHERE id = 0) AND NOT (OLD.id IS NEW.id AND OLD.sku IS NEW.sku AND OLD.name IS NEW.name AND OLD.price IS NEW.price AND OLD.active IS NEW.active AND OLD.created_at IS NEW.created_at) BEGIN
INSERT INTO sa_orders_change (context_id, at, table_name, row_key, owner_table, owner_key, action, version, old_values, new_values) VALUES ((SELECT context_id FROM sa_orders_history_now WHERE id = 1), strftime('%Y-%m-%d %H:%M:%f', 'now'), 'sa_orders_item', CAST(NEW.id AS TEXT), 'sa_orders_item', CAST(NEW.id AS TEXT), 'update', NEW.version, '{' || rtrim(COALESCE(CASE WHEN OLD.id IS NOT NEW.id THEN '"id":' || json_quote(OLD.id) || ',' END, '') || COALESCE(CASE WHEN OLD.sku IS NOT NEW.sku THEN '"sku":' || json_quote(OLD.sku) || ',' END, '') || COALESCE(CASE WHEN OLD.name IS NOT NEW.name THEN '"name":' || json_quote(OLD.name) || ',' END, '') || COALESCE(CASE WHEN OLD.price IS NOT NEW.price THEN '"price":' || json_quote(OLD.price) || ',' END, '') || COALESCE(CASE WHEN OLD.active IS NOT NEW.active THEN '"active":' || json_quote(OLD.active) || ',' END, '') || COALESCE(CASE WHEN OLD.created_at IS NOT NEW.created_at THEN '"created_at":' || json_quote(OLD.created_at) || ',' END, ''), ',') || '}', '{' || rtrim(COALESCE(CASE WHEN OLD.id IS NOT NEW.id THEN '"id":' || json_quote(NEW.id) || ',' END, '') || COALESCE(CASE WHEN OLD.sku IS NOT NEW.sku THEN '"sku":' || json_quote(NEW.sku) || ',' END, '') || COALESCE(CASE WHEN OLD.name IS NOT NEW.name THEN '"name":' || json_quote(NEW.name) || ',' END, '') || COALESCE(CASE WHEN OLD.price IS NOT NEW.price THEN '"price":' || json_quote(NEW.price) || ',' END, '') || COALESCE(CASE WHEN OLD.active IS NOT NEW.active THEN '"active":' || json_quote(NEW.active) || ',' END, '') || COALESCE(CASE WHEN OLD.created_at IS NOT NEW.created_at THEN '"created_at":' || json_quote(NEW.created_at) || ',' END, ''), ',') || '}');
END""",
        """CREATE TRIGGER sa_orders_item_history_after_delete AFTER DELETE ON sa_orders_item
FOR EACH ROW BEGIN
INSERT INTO sa_orders_change (context_id, at, table_name, row_key, owner_table, owner_key, action, version, old_values, new_values) VALUES ((SELECT context_id FROM sa_orders_history_now WHERE id = 1), strftime('%Y-%m-%d %H:%M:%f', 'now'), 'sa_orders_item', CAST(OLD.id AS TEXT), 'sa_orders_item', CAST(OLD.id AS TEXT), 'delete', OLD.version, json_object('id', OLD.id, 'sku', OLD.sku, 'name', OLD.name, 'price', OLD.price, 'active', OLD.active, 'created_at', OLD.created_at, 'updated_at', OLD.updated_at, 'version', OLD.version), NULL);
END""",
        """CREATE TRIGGER sa_orders_item_category_history_after_insert AFTER INSERT ON sa_orders_item_category
FOR EACH ROW WHEN NOT EXISTS (SELECT 1 FROM sa_orders_history_now WHERE id = 0) BEGIN
INSERT INTO sa_orders_change (context_id, at, table_name, row_key, owner_table, owner_key, action, version, old_values, new_values) VALUES ((SELECT context_id FROM sa_orders_history_now WHERE id = 1), strftime('%Y-%m-%d %H:%M:%f', 'now'), 'sa_orders_item_category', CAST(NEW.item_id AS TEXT) || '/' || CAST(NEW.category_id AS TEXT), 'sa_orders_item', CAST(NEW.item_id AS TEXT), 'create', NULL, NULL, json_object('item_id', NEW.item_id, 'category_id', NEW.category_id));
END""",
        """CREATE TRIGGER sa_orders_item_category_history_after_update AFTER UPDATE ON sa_orders_item_category
FOR EACH ROW WHEN NOT EXISTS (SELECT 1 FROM sa_orders_history_now WHERE id = 0) AND NOT (OLD.item_id IS NEW.item_id AND OLD.category_id IS NEW.category_id) BEGIN
INSERT INTO sa_orders_change (context_id, at, table_name, row_key, owner_table, owner_key, action, version, old_values, new_values) VALUES ((SELECT context_id FROM sa_orders_history_now WHERE id = 1), strftime('%Y-%m-%d %H:%M:%f', 'now'), 'sa_orders_item_category', CAST(NEW.item_id AS TEXT) || '/' || CAST(NEW.category_id AS TEXT), 'sa_orders_item', CAST(NEW.item_id AS TEXT), 'update', NULL, '{' || rtrim(COALESCE(CASE WHEN OLD.item_id IS NOT NEW.item_id THEN '"item_id":' || json_quote(OLD.item_id) || ',' END, '') || COALESCE(CASE WHEN OLD.category_id IS NOT NEW.category_id THEN '"category_id":' || json_quote(OLD.category_id) || ',' END, ''), ',') || '}', '{' || rtrim(COALESCE(CASE WHEN OLD.item_id IS NOT NEW.item_id THEN '"item_id":' || json_quote(NEW.item_id) || ',' END, '') || COALESCE(CASE WHEN OLD.category_id IS NOT NEW.category_id THEN '"category_id":' || json_quote(NEW.category_id) || ',' END, ''), ',') || '}');
END""",
        """CREATE TRIGGER sa_orders_item_category_history_after_delete AFTER DELETE ON sa_orders_item_category
FOR EACH ROW BEGIN
INSERT INTO sa_orders_change (context_id, at, table_name, row_key, owner_table, owner_key, action, version, old_values, new_values) VALUES ((SELECT context_id FROM sa_orders_history_now WHERE id = 1), strftime('%Y-%m-%d %H:%M:%f', 'now'), 'sa_orders_item_category', CAST(OLD.item_id AS TEXT) || '/' || CAST(OLD.category_id AS TEXT), 'sa_orders_item', CAST(OLD.item_id AS TEXT), 'delete', NULL, json_object('item_id', OLD.item_id, 'category_id', OLD.category_id), NULL);
END""",
        """CREATE TRIGGER sa_orders_order_history_after_insert AFTER INSERT ON sa_orders_order
FOR EACH ROW WHEN NOT EXISTS (SELECT 1 FROM sa_orders_history_now WHERE id = 0) BEGIN
INSERT INTO sa_orders_change (context_id, at, table_name, row_key, owner_table, owner_key, action, version, old_values, new_values) VALUES ((SELECT context_id FROM sa_orders_history_now WHERE id = 1), strftime('%Y-%m-%d %H:%M:%f', 'now'), 'sa_orders_order', CAST(NEW.id AS TEXT), 'sa_orders_order', CAST(NEW.id AS TEXT), 'create', NEW.version, NULL, json_object('id', NEW.id, 'customer_id', NEW.customer_id, 'order_date', NEW.order_date, 'status', NEW.status, 'discount_amount', NEW.discount_amount, 'total_amount', NEW.total_amount, 'notes', NEW.notes, 'created_at', NEW.created_at, 'updated_at', NEW.updated_at, 'version', NEW.version));
END""",
        """CREATE TRIGGER sa_orders_order_history_after_update AFTER UPDATE ON sa_orders_order
FOR EACH ROW WHEN NOT EXISTS (SELECT 1 FROM sa_orders_history_now WHERE id = 0) AND NOT (OLD.id IS NEW.id AND OLD.customer_id IS NEW.customer_id AND OLD.order_date IS NEW.order_date AND OLD.status IS NEW.status AND OLD.discount_amount IS NEW.discount_amount AND OLD.total_amount IS NEW.total_amount AND OLD.notes IS NEW.notes AND OLD.created_at IS NEW.created_at) BEGIN
INSERT INTO sa_orders_change (context_id, at, table_name, row_key, owner_table, owner_key, action, version, old_values, new_values) VALUES ((SELECT context_id FROM sa_orders_history_now WHERE id = 1), strftime('%Y-%m-%d %H:%M:%f', 'now'), 'sa_orders_order', CAST(NEW.id AS TEXT), 'sa_orders_order', CAST(NEW.id AS TEXT), 'update', NEW.version, '{' || rtrim(COALESCE(CASE WHEN OLD.id IS NOT NEW.id THEN '"id":' || json_quote(OLD.id) || ',' END, '') || COALESCE(CASE WHEN OLD.customer_id IS NOT NEW.customer_id THEN '"customer_id":' || json_quote(OLD.customer_id) || ',' END, '') || COALESCE(CASE WHEN OLD.order_date IS NOT NEW.order_date THEN '"order_date":' || json_quote(OLD.order_date) || ',' END, '') || COALESCE(CASE WHEN OLD.status IS NOT NEW.status THEN '"status":' || json_quote(OLD.status) || ',' END, '') || COALESCE(CASE WHEN OLD.discount_amount IS NOT NEW.discount_amount THEN '"discount_amount":' || json_quote(OLD.discount_amount) || ',' END, '') || COALESCE(CASE WHEN OLD.total_amount IS NOT NEW.total_amount THEN '"total_amount":' || json_quote(OLD.total_amount) || ',' END, '') || COALESCE(CASE WHEN OLD.notes IS NOT NEW.notes THEN '"notes":' || json_quote(OLD.notes) || ',' END, '') || COALESCE(CASE WHEN OLD.created_at IS NOT NEW.created_at THEN '"created_at":' || json_quote(OLD.created_at) || ',' END, ''), ',') || '}', '{' || rtrim(COALESCE(CASE WHEN OLD.id IS NOT NEW.id THEN '"id":' || json_quote(NEW.id) || ',' END, '') || COALESCE(CASE WHEN OLD.customer_id IS NOT NEW.customer_id THEN '"customer_id":' || json_quote(NEW.customer_id) || ',' END, '') || COALESCE(CASE WHEN OLD.order_date IS NOT NEW.order_date THEN '"order_date":' || json_quote(NEW.order_date) || ',' END, '') || COALESCE(CASE WHEN OLD.status IS NOT NEW.status THEN '"status":' || json_quote(NEW.status) || ',' END, '') || COALESCE(CASE WHEN OLD.discount_amount IS NOT NEW.discount_amount THEN '"discount_amount":' || json_quote(NEW.discount_amount) || ',' END, '') || COALESCE(CASE WHEN OLD.total_amount IS NOT NEW.total_amount THEN '"total_amount":' || json_quote(NEW.total_amount) || ',' END, '') || COALESCE(CASE WHEN OLD.notes IS NOT NEW.notes THEN '"notes":' || json_quote(NEW.notes) || ',' END, '') || COALESCE(CASE WHEN OLD.created_at IS NOT NEW.created_at THEN '"created_at":' || json_quote(NEW.created_at) || ',' END, ''), ',') || '}');
END""",
        """CREATE TRIGGER sa_orders_order_history_after_delete AFTER DELETE ON sa_orders_order
FOR EACH ROW BEGIN
INSERT INTO sa_orders_change (context_id, at, table_name, row_key, owner_table, owner_key, action, version, old_values, new_values) VALUES ((SELECT context_id FROM sa_orders_history_now WHERE id = 1), strftime('%Y-%m-%d %H:%M:%f', 'now'), 'sa_orders_order', CAST(OLD.id AS TEXT), 'sa_orders_order', CAST(OLD.id AS TEXT), 'delete', OLD.version, json_object('id', OLD.id, 'customer_id', OLD.customer_id, 'order_date', OLD.order_date, 'status', OLD.status, 'discount_amount', OLD.discount_amount, 'total_amount', OLD.total_amount, 'notes', OLD.notes, 'created_at', OLD.created_at, 'updated_at', OLD.updated_at, 'version', OLD.version), NULL);
END""",
        """CREATE TRIGGER sa_orders_order_item_history_after_insert AFTER INSERT ON sa_orders_order_item
FOR EACH ROW WHEN NOT EXISTS (SELECT 1 FROM sa_orders_history_now WHERE id = 0) BEGIN
INSERT INTO sa_orders_change (context_id, at, table_name, row_key, owner_table, owner_key, action, version, old_values, new_values) VALUES ((SELECT context_id FROM sa_orders_history_now WHERE id = 1), strftime('%Y-%m-%d %H:%M:%f', 'now'), 'sa_orders_order_item', CAST(NEW.order_id AS TEXT) || '/' || CAST(NEW.item_id AS TEXT), 'sa_orders_order', CAST(NEW.order_id AS TEXT), 'create', NULL, NULL, json_object('order_id', NEW.order_id, 'item_id', NEW.item_id, 'quantity', NEW.quantity, 'price_paid', NEW.price_paid));
END""",
        """CREATE TRIGGER sa_orders_order_item_history_after_update AFTER UPDATE ON sa_orders_order_item
FOR EACH ROW WHEN NOT EXISTS (SELECT 1 FROM sa_orders_history_now WHERE id = 0) AND NOT (OLD.order_id IS NEW.order_id AND OLD.item_id IS NEW.item_id AND OLD.quantity IS NEW.quantity AND OLD.price_paid IS NEW.price_paid) BEGIN
INSERT INTO sa_orders_change (context_id, at, table_name, row_key, owner_table, owner_key, action, version, old_values, new_values) VALUES ((SELECT context_id FROM sa_orders_history_now WHERE id = 1), strftime('%Y-%m-%d %H:%M:%f', 'now'), 'sa_orders_order_item', CAST(NEW.order_id AS TEXT) || '/' || CAST(NEW.item_id AS TEXT), 'sa_orders_order', CAST(NEW.order_id AS TEXT), 'update', NULL, '{' || rtrim(COALESCE(CASE WHEN OLD.order_id IS NOT NEW.order_id THEN '"order_id":' || json_quote(OLD.order_id) || ',' END, '') || COALESCE(CASE WHEN OLD.item_id IS NOT NEW.item_id THEN '"item_id":' || json_quote(OLD.item_id) || ',' END, '') || COALESCE(CASE WHEN OLD.quantity IS NOT NEW.quantity THEN '"quantity":' || json_quote(OLD.quantity) || ',' END, '') || COALESCE(CASE WHEN OLD.price_paid IS NOT NEW.price_paid THEN '"price_paid":' || json_quote(OLD.price_paid) || ',' END, ''), ',') || '}', '{' || rtrim(COALESCE(CASE WHEN OLD.order_id IS NOT NEW.order_id THEN '"order_id":' || json_quote(NEW.order_id) || ',' END, '') || COALESCE(CASE WHEN OLD.item_id IS NOT NEW.item_id THEN '"item_id":' || json_quote(NEW.item_id) || ',' END, '') || COALESCE(CASE WHEN OLD.quantity IS NOT NEW.quantity THEN '"quantity":' || json_quote(NEW.quantity) || ',' END, '') || COALESCE(CASE WHEN OLD.price_paid IS NOT NEW.price_paid THEN '"price_paid":' || json_quote(NEW.price_paid) || ',' END, ''), ',') || '}');
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
