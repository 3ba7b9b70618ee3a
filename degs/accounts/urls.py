from django.contrib.auth import views as auth_views
from django.urls import path

from degs.accounts import views

app_name = "accounts"

urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/", views.PasswordChangeView.as_view(), name="password_change"),
    path("profile/", views.profile, name="profile"),
    path("notices/", views.notice_list, name="notice_list"),
    path("tokens/", views.api_token_create, name="token_create"),
    path("tokens/<int:pk>/revoke/", views.api_token_revoke, name="token_revoke"),
    path("users/", views.user_list, name="user_list"),
    path("users/new/", views.user_create, name="user_create"),
    path("users/<int:pk>/", views.user_detail, name="user_detail"),
    path("grants/<int:pk>/revoke/", views.role_grant_revoke, name="role_grant_revoke"),
]
