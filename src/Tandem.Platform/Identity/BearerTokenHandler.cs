using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Tandem.Platform.Identity;

/// <summary>
/// Authenticates <c>Authorization: Bearer tdm_...</c>. The company is taken from the <c>X-Company-Id</c>
/// header when given (it must be one of the user's), else the user's default company.
/// </summary>
public sealed class BearerTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiTokens tokens,
    PrincipalFactory principals)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Bearer";
    public const string CompanyHeader = "X-Company-Id";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (header is null || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return AuthenticateResult.NoResult();
        var userId = await tokens.ValidateAsync(header["Bearer ".Length..].Trim(), Context.RequestAborted);
        if (userId is null)
            return AuthenticateResult.Fail("invalid_token");
        Guid? company = null;
        if (Request.Headers.TryGetValue(CompanyHeader, out var requested))
        {
            if (!Guid.TryParse(requested, out var parsed))
                return AuthenticateResult.Fail("invalid_company");
            company = parsed;
        }
        var principal = await principals.CreateAsync(userId.Value, company, SchemeName, Context.RequestAborted);
        return principal is null
            ? AuthenticateResult.Fail("invalid_token")
            : AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }
}
