using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Scalar.AspNetCore;
using Tandem.Accounting;
using Tandem.Catalog;
using Tandem.Crm;
using Tandem.Inventory;
using Tandem.Parties;
using Tandem.Platform;
using Tandem.Platform.Api;
using Tandem.Platform.Identity;
using Tandem.Platform.Identity.Administration;
using Tandem.Platform.LiveUpdates;
using Tandem.Platform.Modules;
using Tandem.Platform.Mail;
using Tandem.Platform.Outbox;
using Tandem.Platform.Persistence;
using Tandem.Platform.Search;
using Tandem.Platform.Security;
using Tandem.Platform.Webhooks;
using Tandem.Purchasing;
using Tandem.Sales;
using Tandem.Web;

namespace Tandem.Host;

/// <summary>Composes the server: the platform, every module, the API and the UI.</summary>
public static class TandemApp
{
    public const string DefaultUrl = "http://localhost:5080";

    /// <summary>The modules this server runs, in the order their menus and migrations come.</summary>
    public static IReadOnlyList<ITandemModule> CreateModules() =>
        [new PartiesModule(), new CatalogModule(), new CrmModule(), new AccountingModule(), new InventoryModule(), new PurchasingModule(), new SalesModule(), new Web.PlatformUiModule()];

    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        // The application name picks the static web assets manifest; pin it so tests hosting the server find the UI's assets.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ApplicationName = typeof(TandemApp).Assembly.GetName().Name });
        configure?.Invoke(builder);
        // Serve the UI's assets (MudBlazor, blazor.web.js) from the build output in every environment, not
        // only Development; a no-op when running the published output, where they sit in wwwroot.
        builder.WebHost.UseStaticWebAssets();
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]))
            builder.WebHost.UseUrls(DefaultUrl);

        var modules = CreateModules();
        AddPlatform(builder.Services, builder.Configuration, modules);
        foreach (var module in modules)
        {
            builder.Services.AddSingleton(module);
            module.AddServices(builder.Services, builder.Configuration);
        }

        var app = builder.Build();
        UsePlatform(app, modules);
        return app;
    }

    public static void AddPlatform(IServiceCollection services, IConfiguration configuration, IReadOnlyList<ITandemModule> modules)
    {
        services.AddOptions<DatabaseOptions>()
            .Bind(configuration.GetSection(DatabaseOptions.Section))
            .Configure(options => options.ConnectionString =
                DatabaseOptions.WithDefaults(options.Provider, configuration.GetConnectionString("Tandem") ?? DatabaseOptions.DefaultSqlite));
        services.AddOptions<BootstrapOptions>().Bind(configuration.GetSection("Tandem"));
        services.AddSingleton(TimeProvider.System);
        services.AddHttpContextAccessor();
        services.AddScoped<DbSession>();
        services.AddScoped<CurrentPrincipal>();
        services.AddScoped<ICurrentUser>(sp => sp.GetRequiredService<CurrentPrincipal>());
        services.AddScoped<ICompanyContext>(sp => sp.GetRequiredService<CurrentPrincipal>());
        services.AddScoped<ModuleDbServices>();
        services.AddModuleDb<PlatformDb, PlatformDbSqlite, PlatformDbPostgres>(PlatformDb.SchemaName);
        services.AddScoped<Platform.Numbering.DocumentNumbers>();
        services.AddScoped<Platform.Consistency.IConsistencyCheck, Platform.Numbering.NumberingCheck>();
        services.AddOutbox(configuration);
        services.AddPartyChanges();
        services.AddWebhooks(configuration);
        services.AddMail(configuration);
        services.AddTandemSecurity();
        services.AddTandemAdministration();
        services.AddScoped<StartupTasks>();
        services.AddScoped<Seeding.BenchSeeder>();

        services.AddApiConventions(configuration);
        services.AddExceptionHandler<ProblemExceptionHandler>();
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.Configure<JsonOptions>(options => ConfigureJson(options.SerializerOptions));
        services.AddOpenApi();
        services.AddTandemWeb();
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: ["ready"]);
        services.AddSearch();
        _ = modules;
    }

    public static void ConfigureJson(JsonSerializerOptions json)
    {
        json.Converters.Add(new SafeTextJsonConverter());
        json.Converters.Add(new MoneyJsonConverter());
        json.Converters.Add(new CurrencyCodeJsonConverter());
        json.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        json.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        json.NumberHandling = JsonNumberHandling.Strict;
    }

    public static void UsePlatform(WebApplication app, IReadOnlyList<ITandemModule> modules)
    {
        app.UseApiConventionsOuter();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        // Inside the exception handler and before authentication, so a retried request is authenticated again in its new scope.
        app.UseMiddleware<DeadlockRetryMiddleware>();
        app.UseRateLimiter();
        // After the retry, so a retried request opens its connection in its new scope; before authentication, which reads.
        app.UseMiddleware<RequestConnectionMiddleware>();
        app.UseAuthentication();
        app.Use((context, next) =>
        {
            context.RequestServices.GetRequiredService<CurrentPrincipal>().Set(context.User);
            return next(context);
        });
        app.UseAuthorization();
        app.UseAntiforgery();
        app.UseMiddleware<IdempotencyMiddleware>();

        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapScalarApiReference("/docs", options => options.WithTitle("Tandem API").WithOpenApiRoutePattern("/openapi/{documentName}.json"));
        app.MapHealthChecks("/health/live", new Microsoft.AspNetCore.Diagnostics.HealthChecks.HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new Microsoft.AspNetCore.Diagnostics.HealthChecks.HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });

        var api = app.MapGroup("/api/v1");
        AuthEndpoints.Map(api);
        AdministrationEndpoints.Map(api);
        WebhookEndpoints.Map(api);
        MailRegistration.Map(api);
        api.MapSearch();
        foreach (var module in modules)
            module.MapEndpoints(api);

        app.MapTandemWeb(modules);
    }
}

/// <summary>Ready when the database answers.</summary>
internal sealed class DatabaseHealthCheck(DbSession session) : Microsoft.Extensions.Diagnostics.HealthChecks.IHealthCheck
{
    public async Task<Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult> CheckHealthAsync(
        Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            if (session.Connection.State != System.Data.ConnectionState.Open)
                await session.Connection.OpenAsync(cancellationToken);
            await using var command = session.Connection.CreateCommand();
            command.CommandText = "SELECT 1";
            await command.ExecuteScalarAsync(cancellationToken);
            return Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Healthy();
        }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException)
        {
            return Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Unhealthy("Database unreachable", e);
        }
    }
}
