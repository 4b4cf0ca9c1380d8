"""Files in and out: one CSV contract per kind (:mod:`~sa_orders.exchange.contracts`),
the CSV export (:mod:`~sa_orders.exchange.csv_export`), the import
(:mod:`~sa_orders.exchange.importing`) and the demo data set
(:mod:`~sa_orders.exchange.demo`). Writes go through :mod:`sa_orders.services`."""
