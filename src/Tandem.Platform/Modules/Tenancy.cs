using System.Security.Claims;

namespace Tandem.Platform;

/// <summary>The company the current request or circuit works in; business queries are filtered to it.</summary>
public interface ICompanyContext
{
    Guid CompanyId { get; }
}

/// <summary>Who is acting: a signed-in user, a token's owner, or the system (CLI, background jobs).</summary>
public interface ICurrentUser
{
    Guid? UserId { get; }
    string DisplayName { get; }
    bool HasPermission(string permission);
}

/// <summary>
/// Holds the principal of the current scope. Set by middleware for HTTP requests and by the circuit
/// handler for Blazor circuits, so services do not depend on HttpContext.
/// </summary>
public sealed class CurrentPrincipal : ICurrentUser, ICompanyContext
{
    private Guid? _companyOverride;

    public ClaimsPrincipal Principal { get; private set; } = new(new ClaimsIdentity());

    public void Set(ClaimsPrincipal principal) => Principal = principal;

    /// <summary>For the CLI, seeding and background work acting for one company as the system.</summary>
    public void ActAsSystem(Guid companyId)
    {
        _companyOverride = companyId;
        Principal = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(TandemClaims.Name, "system"), new Claim(TandemClaims.Company, companyId.ToString())], "system"));
    }

    /// <summary>
    /// Works in another company until disposed, as the same user: setting up a company that was just created, whose
    /// records must land in it although the request was made from another company.
    /// </summary>
    public IDisposable WorkIn(Guid companyId)
    {
        var previous = _companyOverride;
        _companyOverride = companyId;
        return new Restore(this, previous);
    }

    public Guid? UserId =>
        Guid.TryParse(Principal.FindFirstValue(TandemClaims.UserId), out var id) ? id : null;

    public string DisplayName => Principal.FindFirstValue(TandemClaims.Name) ?? "anonymous";

    public Guid CompanyId =>
        _companyOverride ?? (Guid.TryParse(Principal.FindFirstValue(TandemClaims.Company), out var id) ? id : Guid.Empty);

    public bool HasPermission(string permission) =>
        Principal.Identity?.AuthenticationType == "system" || Principal.HasClaim(TandemClaims.Permission, permission);

    private sealed class Restore(CurrentPrincipal principal, Guid? previous) : IDisposable
    {
        public void Dispose() => principal._companyOverride = previous;
    }
}

public static class TandemClaims
{
    public const string UserId = "tandem:user";
    public const string Name = "tandem:name";
    public const string Company = "tandem:company";
    public const string Permission = "tandem:perm";
    public const string Role = "tandem:role";
}
