using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Tandem.Platform;
using Tandem.Platform.Api;
using Tandem.Platform.Identity;
using Tandem.SharedKernel;

namespace Tandem.Host;

public sealed record TokenRequest(string? Email, string? Password);

public sealed record TokenResponse(string AccessToken, DateTimeOffset ExpiresAt);

public sealed record PersonalTokenRequest(string? Name, DateTimeOffset? ExpiresAt);

/// <summary>
/// <c>POST /api/v1/auth/token</c> exchanges a password for an hour-long bearer token; personal access
/// tokens are long-lived, created and revoked by their owner.
/// </summary>
internal static class AuthEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        var auth = api.MapGroup("/auth").WithTags("Authentication");

        auth.MapPost("/token", async (TokenRequest request, UserManager<TandemUser> users, SignInManager<TandemUser> signIn,
                ApiTokens tokens, TimeProvider clock, CancellationToken ct) =>
            {
                var errors = new FieldErrors().Required("email", request.Email, 254).Required("password", request.Password, 200);
                if (errors.Any)
                    return Problems.From(errors.ToError());
                var user = await users.FindByEmailAsync(request.Email!);
                if (user is null || !user.IsActive)
                    return InvalidCredentials();
                var check = await signIn.CheckPasswordSignInAsync(user, request.Password!, lockoutOnFailure: true);
                if (check.IsLockedOut)
                    return Problems.Of("account_locked", "Too many failed sign-ins; the account is locked for a while.", StatusCodes.Status423Locked);
                if (!check.Succeeded)
                    return InvalidCredentials();
                var expiresAt = clock.GetUtcNow() + ApiTokens.SessionLifetime;
                var (token, _) = await tokens.IssueAsync(user.Id, ApiTokenKind.Session, "session", expiresAt, ct);
                return Results.Ok(new TokenResponse(token, expiresAt));
            })
            .AllowAnonymous()
            .WithName("IssueToken")
            .WithSummary("Exchange email and password for a bearer token valid for one hour");

        var personal = auth.MapGroup("/personal-tokens").RequireAuthorization();

        personal.MapGet("/", async (ICurrentUser me, PersonalTokens personalTokens, CancellationToken ct) =>
                Results.Ok(await personalTokens.ListAsync(me.UserId!.Value, ct)))
            .WithName("ListPersonalTokens")
            .WithSummary("Your personal access tokens (never the secrets)");

        personal.MapPost("/", async (PersonalTokenRequest request, ICurrentUser me, PersonalTokens personalTokens, CancellationToken ct) =>
                (await personalTokens.CreateAsync(me.UserId!.Value, request.Name, request.ExpiresAt, ct))
                    .ToHttp(created => Results.Created($"/api/v1/auth/personal-tokens/{created.Id}", created)))
            .WithName("CreatePersonalToken")
            .WithSummary("Create a long-lived token for scripts; the secret is shown once");

        personal.MapDelete("/{id:guid}", async (Guid id, ICurrentUser me, PersonalTokens personalTokens, CancellationToken ct) =>
                (await personalTokens.RevokeAsync(me.UserId!.Value, id, ct)).ToHttp(_ => Results.NoContent()))
            .WithName("RevokePersonalToken")
            .WithSummary("Revoke one of your personal access tokens");

        auth.MapGet("/me", (ICurrentUser me, System.Security.Claims.ClaimsPrincipal user) => Results.Ok(new
            {
                userId = me.UserId,
                name = me.DisplayName,
                companyId = user.FindFirst(TandemClaims.Company)?.Value,
                roles = user.FindAll(TandemClaims.Role).Select(c => c.Value),
                permissions = user.FindAll(TandemClaims.Permission).Select(c => c.Value).Order(),
            }))
            .RequireAuthorization()
            .WithName("WhoAmI")
            .WithSummary("The signed-in user, company, roles and permissions");
    }

    private static IResult InvalidCredentials() =>
        Problems.Of("invalid_credentials", "The email or password is wrong.", StatusCodes.Status401Unauthorized);
}
