"""Sign in and sign out."""

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.utils.decorators import method_decorator

from homeward.accounts.forms import SignInForm


@method_decorator(login_not_required, name="dispatch")
class SignInView(auth_views.LoginView):
    template_name = "accounts/sign_in.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True
    # What the page handles: any other method (PUT, which LoginView would take as a POST, or
    # OPTIONS) is a 405 with an Allow header.
    http_method_names = ["get", "head", "post"]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["forms"] = [context["form"]]
        return context


class SignOutView(auth_views.LogoutView):
    http_method_names = ["post"]
