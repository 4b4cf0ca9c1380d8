"""Django ↔ SQLAlchemy plumbing: engines from Django's settings, sessions, column types,
DDL for migrations, schema drift and bulk loading. Nothing here knows the order domain."""
