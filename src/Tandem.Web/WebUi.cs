using System.Reflection;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MudBlazor.Services;
using Tandem.Platform;
using Tandem.Platform.Modules;
using Tandem.Platform.Security;
using Tandem.Web.Components;
using Tandem.Web.Services;

namespace Tandem.Web;

/// <summary>The web UI: Blazor (interactive server) with MudBlazor, the account endpoints, and the modules' pages.</summary>
public static class WebUi
{
    public static IServiceCollection AddTandemWeb(this IServiceCollection services)
    {
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();
        services.AddCascadingAuthenticationState();
        services.TryAddEnumerable(ServiceDescriptor.Scoped<CircuitHandler, CircuitPrincipalHandler>());
        services.AddScoped<UseCases>();
        services.AddScoped<AccountQueries>();
        return services;
    }

    /// <summary>Maps the pages of the shell and of every module, and the cookie account endpoints.</summary>
    public static void MapTandemWeb(this WebApplication app, IReadOnlyList<ITandemModule> modules)
    {
        app.MapStaticAssets();
        app.MapRazorComponents<App>()
            .AddInteractiveServerRenderMode()
            .AddAdditionalAssemblies(ModuleAssemblies(modules));

        var account = app.MapGroup("/account");

        // [FromForm] makes these antiforgery-checked form posts.
        account.MapPost("/logout", async (HttpContext http, [FromForm] string? returnUrl) =>
        {
            await http.SignOutAsync(IdentityConstants.ApplicationScheme);
            return Results.LocalRedirect("/login");
        });

        account.MapPost("/switch-company", async ([FromForm] Guid companyId, [FromForm] string? returnUrl,
            CookieSignIn signIn, ICurrentUser me, CancellationToken ct) =>
        {
            if (me.UserId is not { } userId)
                return Results.Unauthorized();
            // SignInAsync refuses a company the user is not a member of.
            if (!await signIn.SignInAsync(userId, companyId, persistent: false, ct))
                return Results.LocalRedirect("/access-denied");
            return Results.LocalRedirect(LocalOrHome(returnUrl));
        }).RequireAuthorization();
    }

    public static Assembly[] ModuleAssemblies(IEnumerable<ITandemModule> modules) =>
        modules.Select(m => m.GetType().Assembly).Where(a => a != typeof(App).Assembly).Distinct().ToArray();

    /// <summary>Only a path on this site may follow a sign-in, never another host (open redirect).</summary>
    public static string LocalOrHome(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal)
        && !returnUrl.StartsWith("/\\", StringComparison.Ordinal) && Uri.IsWellFormedUriString(returnUrl, UriKind.Relative)
            ? returnUrl
            : "/";
}
