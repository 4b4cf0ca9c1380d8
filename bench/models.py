"""Django models equivalent to sa_orders' SQLAlchemy ones, on the very same tables
(unmanaged): what Django's ``bulk_create`` and Django's admin are measured with."""

from django.db import models
from django.utils import timezone


class Customer(models.Model):
    name = models.CharField(max_length=200)
    email = models.CharField(max_length=254, unique=True)
    phone = models.CharField(max_length=32, null=True)
    version = models.IntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        managed = False
        db_table = "sa_orders_customer"

    def __str__(self) -> str:
        return self.name


class Item(models.Model):
    sku = models.CharField(max_length=64, unique=True)
    name = models.CharField(max_length=200)
    price = models.DecimalField(max_digits=12, decimal_places=2)
    active = models.BooleanField(default=True)
    version = models.IntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        managed = False
        db_table = "sa_orders_item"


class Order(models.Model):
    customer = models.ForeignKey(Customer, models.CASCADE, related_name="orders")
    order_date = models.DateTimeField()
    status = models.CharField(max_length=16)
    discount_amount = models.DecimalField(max_digits=12, decimal_places=2)
    total_amount = models.DecimalField(max_digits=12, decimal_places=2)
    notes = models.TextField(null=True)
    version = models.IntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        managed = False
        db_table = "sa_orders_order"

    def __str__(self) -> str:
        return f"Order {self.pk}"


class OrderItem(models.Model):
    pk = models.CompositePrimaryKey("order_id", "item_id")
    order = models.ForeignKey(Order, models.CASCADE, related_name="lines")
    item = models.ForeignKey(Item, models.RESTRICT)
    quantity = models.IntegerField()
    price_paid = models.DecimalField(max_digits=12, decimal_places=2)

    class Meta:
        managed = False
        db_table = "sa_orders_order_item"
