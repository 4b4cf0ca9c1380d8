class OtherDatabaseRouter:
    """The ``other`` database holds sa_orders' tables only; ``default`` holds everything."""

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        if db == "other":
            return app_label == "sa_orders"
        return None


class RefuseSaOrdersRouter:
    """Keeps sa_orders' tables out of every database."""

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        if app_label == "sa_orders":
            return False
        return None
