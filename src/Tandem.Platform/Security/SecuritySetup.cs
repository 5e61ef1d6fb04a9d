using Microsoft.AspNetCore.DataProtection;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Tandem.Platform.Api;
using Tandem.Platform.Identity;

namespace Tandem.Platform.Security;

public static class SecuritySetup
{
    /// <summary>Cookie for the UI, bearer tokens for the API, one authorization policy per permission.</summary>
    public static IServiceCollection AddTandemSecurity(this IServiceCollection services)
    {
        // Keys in the database, so a cookie issued by one server node is read by the others.
        services.AddDataProtection().SetApplicationName("Tandem").PersistKeysToDbContext<PlatformDb>();
        services.AddIdentityCore<TandemUser>(options =>
            {
                options.User.RequireUniqueEmail = true;
                options.Password.RequiredLength = 10;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequireUppercase = false;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
            })
            .AddEntityFrameworkStores<PlatformDb>()
            .AddSignInManager()
            .AddDefaultTokenProviders();

        services.AddScoped<ApiTokens>();
        services.AddScoped<PersonalTokens>();
        services.AddScoped<PrincipalFactory>();
        services.AddScoped<CookieSignIn>();
        services.AddSingleton<PermissionCatalog>();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, ProblemAuthorizationResultHandler>();
        services.AddSingleton<IConfigureOptions<AuthorizationOptions>, PermissionPolicies>();

        // Its default sends the form's cookie over plain http even when the page came over https.
        services.AddAntiforgery(options => options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);
        services.AddAuthentication(options =>
            {
                options.DefaultScheme = "Tandem";
                options.DefaultChallengeScheme = "Tandem";
            })
            .AddPolicyScheme("Tandem", "Cookie or bearer token", options =>
                options.ForwardDefaultSelector = context =>
                    context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                        ? BearerTokenHandler.SchemeName
                        : IdentityConstants.ApplicationScheme)
            .AddCookie(IdentityConstants.ApplicationScheme, options =>
            {
                options.LoginPath = "/login";
                options.AccessDeniedPath = "/access-denied";
                options.Cookie.Name = "tandem.auth";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Lax;
                options.SlidingExpiration = true;
                options.ExpireTimeSpan = TimeSpan.FromHours(12);
                options.Events.OnValidatePrincipal = RefreshPrincipalAsync;
                options.Events.OnRedirectToLogin = context => ApiOrRedirect(context, StatusCodes.Status401Unauthorized);
                options.Events.OnRedirectToAccessDenied = context => ApiOrRedirect(context, StatusCodes.Status403Forbidden);
            })
            .AddScheme<AuthenticationSchemeOptions, BearerTokenHandler>(BearerTokenHandler.SchemeName, _ => { });
        services.AddAuthorization();
        return services;
    }

    // The cookie holds only who and which company; roles and permissions are read fresh each request.
    private static async Task RefreshPrincipalAsync(CookieValidatePrincipalContext context)
    {
        var principal = context.Principal;
        if (principal is null || !Guid.TryParse(principal.FindFirstValue(TandemClaims.UserId), out var userId))
        {
            context.RejectPrincipal();
            return;
        }
        Guid? company = Guid.TryParse(principal.FindFirstValue(TandemClaims.Company), out var c) ? c : null;
        var factory = context.HttpContext.RequestServices.GetRequiredService<PrincipalFactory>();
        var fresh = await factory.CreateAsync(userId, company, IdentityConstants.ApplicationScheme, context.HttpContext.RequestAborted)
                    ?? (company is null ? null : await factory.CreateAsync(userId, null, IdentityConstants.ApplicationScheme, context.HttpContext.RequestAborted));
        if (fresh is null)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
            return;
        }
        context.ReplacePrincipal(fresh);
    }

    private static Task ApiOrRedirect(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }
        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }

    /// <summary>Registers a policy named after each declared permission: <c>RequireAuthorization("parties.read")</c>.</summary>
    private sealed class PermissionPolicies(PermissionCatalog catalog) : IConfigureOptions<AuthorizationOptions>
    {
        public void Configure(AuthorizationOptions options)
        {
            foreach (var permission in catalog.Names)
                options.AddPolicy(permission, policy => policy.RequireAuthenticatedUser().RequireClaim(TandemClaims.Permission, permission));
        }
    }

    /// <summary>API callers get problem details for 401 and 403; the UI gets the usual redirects.</summary>
    private sealed class ProblemAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
    {
        private readonly AuthorizationMiddlewareResultHandler _default = new();

        public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
        {
            if (context.Request.Path.StartsWithSegments("/api") && !authorizeResult.Succeeded)
            {
                var result = authorizeResult.Challenged
                    ? Problems.Of("unauthenticated", "Sign in or present a valid bearer token.", StatusCodes.Status401Unauthorized)
                    : Problems.Of("forbidden", "Your roles in this company do not allow this.", StatusCodes.Status403Forbidden);
                await result.ExecuteAsync(context);
                return;
            }
            await _default.HandleAsync(next, context, policy, authorizeResult);
        }
    }
}

/// <summary>Signs a user in to the UI for one company; switching company signs in again.</summary>
public sealed class CookieSignIn(PrincipalFactory principals, IHttpContextAccessor http)
{
    public async Task<bool> SignInAsync(Guid userId, Guid? companyId, bool persistent, CancellationToken ct)
    {
        var principal = await principals.CreateAsync(userId, companyId, IdentityConstants.ApplicationScheme, ct);
        if (principal is null || http.HttpContext is null)
            return false;
        await http.HttpContext.SignInAsync(IdentityConstants.ApplicationScheme, principal, new AuthenticationProperties { IsPersistent = persistent });
        return true;
    }
}
