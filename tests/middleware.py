from django.http import HttpResponse

from sa_orders.middleware import SQLAlchemySessionMiddleware


class SwallowExceptions:
    """Turns any exception of the views below it into a 200 page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        return HttpResponse("something went wrong, but here is a page", status=200)


class ProjectSessionMiddleware(SQLAlchemySessionMiddleware):
    """A host project's subclass: the checks accept it in place of ours."""
