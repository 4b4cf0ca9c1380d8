"""Views used by the middleware tests: each touches request.sa_session in its own way."""

from django.contrib import messages
from django.http import HttpResponse, StreamingHttpResponse
from sqlalchemy import select

import sa_orders
from sa_orders.models import Customer

# Sessions seen by views, so that tests can look at them after the response.
seen_sessions = []


def add_customer(request):
    """Add a customer, then answer with ?status= (default 200).

    ?doom=1 calls sa_orders.doom(); ?raise=1 raises after the write; ?message= queues
    a success message; ?flush=1 flushes before answering.
    """
    session = request.sa_session
    session.add(Customer(name="Middleware Test", email=request.GET["email"]))
    seen_sessions.append(sa_orders.request_session(request))  # the one behind the proxy
    if request.GET.get("flush"):
        session.flush()
    if request.GET.get("message"):
        messages.success(request, request.GET["message"])
    if request.GET.get("doom"):
        sa_orders.doom(request)
    if request.GET.get("raise"):
        raise RuntimeError("view failed after writing")
    return HttpResponse("ok", status=int(request.GET.get("status", 200)))


def untouched(request):
    return HttpResponse("no database here")


def count_customers(request):
    count = len(request.sa_session.scalars(select(Customer.id)).all())
    return HttpResponse(str(count))


def show_messages(request):
    return HttpResponse("|".join(str(message) for message in messages.get_messages(request)))


def stream_after_view(request):
    def rows():
        yield "start\n"
        # Too late: the middleware closed the request's session when the view returned.
        yield str(request.sa_session.scalar(select(Customer.id)))

    return StreamingHttpResponse(rows())
