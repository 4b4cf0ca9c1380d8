"""sa_orders' own pages: customers, items, orders with their lines, and the dashboard
with its chart. Built on the generic layer (:mod:`sa_orders.admin`) like a host's pages;
registered on the default site by :mod:`sa_orders.sa_admin`."""
