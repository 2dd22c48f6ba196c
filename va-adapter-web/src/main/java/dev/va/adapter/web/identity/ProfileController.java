package dev.va.adapter.web.identity;

import dev.va.adapter.web.RequestContext;
import dev.va.adapter.web.WebServer;
import dev.va.adapter.web.http.ErrorResponse;
import dev.va.application.port.in.AuthUseCases.GetProfile;
import dev.va.application.port.in.AuthUseCases.UpdateProfile;
import dev.va.application.port.in.AuthUseCases.UpdateProfileCommand;
import dev.va.domain.shared.EmailAddress;
import io.javalin.http.Context;
import io.javalin.openapi.HttpMethod;
import io.javalin.openapi.OpenApi;
import io.javalin.openapi.OpenApiContent;
import io.javalin.openapi.OpenApiName;
import io.javalin.openapi.OpenApiRequestBody;
import io.javalin.openapi.OpenApiResponse;
import io.javalin.openapi.OpenApiSecurity;
import jakarta.inject.Inject;

/** The caller's own profile. */
public final class ProfileController {

  /**
   * Fields to change; absent ones stay. A new email or password needs the current password; a new password ends
   * every other session.
   */
  public record UpdateProfileRequest(
      String email,
      @OpenApiName("current_password") String currentPassword,
      @OpenApiName("new_password") String newPassword) {
    @Override
    public String toString() {
      return "UpdateProfileRequest[email=" + email + ", current_password=***, new_password=***]";
    }
  }

  private final GetProfile getProfile;
  private final UpdateProfile updateProfile;

  @Inject
  public ProfileController(GetProfile getProfile, UpdateProfile updateProfile) {
    this.getProfile = getProfile;
    this.updateProfile = updateProfile;
  }

  @OpenApi(
      path = IdentityRoutes.ME,
      methods = HttpMethod.GET,
      operationId = "getProfile",
      summary = "The caller's profile",
      tags = "profile",
      security = @OpenApiSecurity(name = WebServer.BEARER_SCHEME),
      responses = {
        @OpenApiResponse(status = "200", content = @OpenApiContent(from = UserView.class)),
        @OpenApiResponse(status = "401", content = @OpenApiContent(from = ErrorResponse.class))
      })
  public void show(Context ctx) {
    ctx.json(UserView.of(getProfile.profile(Auth.user(ctx))));
  }

  @OpenApi(
      path = IdentityRoutes.ME,
      methods = HttpMethod.PATCH,
      operationId = "updateProfile",
      summary = "Change the caller's email address or password",
      tags = "profile",
      security = @OpenApiSecurity(name = WebServer.BEARER_SCHEME),
      requestBody = @OpenApiRequestBody(required = true, content = @OpenApiContent(from = UpdateProfileRequest.class)),
      responses = {
        @OpenApiResponse(status = "200", content = @OpenApiContent(from = UserView.class)),
        @OpenApiResponse(status = "400",
            description = "invalid field, weak new password, or current password missing or wrong",
            content = @OpenApiContent(from = ErrorResponse.class)),
        @OpenApiResponse(status = "401", content = @OpenApiContent(from = ErrorResponse.class)),
        @OpenApiResponse(status = "409", description = "email taken",
            content = @OpenApiContent(from = ErrorResponse.class)),
        @OpenApiResponse(status = "429", description = "too many wrong passwords for this account; see Retry-After",
            content = @OpenApiContent(from = ErrorResponse.class))
      })
  public void update(Context ctx) {
    UpdateProfileRequest in = ctx.bodyAsClass(UpdateProfileRequest.class);
    EmailAddress email = in.email() == null ? null : EmailAddress.of(in.email());
    ctx.json(UserView.of(updateProfile.update(new UpdateProfileCommand(Auth.user(ctx), email, in.currentPassword(),
        in.newPassword(), RequestContext.of(ctx).meta()))));
  }
}
