using Microsoft.AspNetCore.Identity;

namespace Tandem.Platform.Identity;

/// <summary>A person who signs in. Their roles are held per company through <see cref="Membership"/>.</summary>
public sealed class TandemUser : IdentityUser<Guid>
{
    public TandemUser()
    {
        Id = Guid.CreateVersion7();
        SecurityStamp = Guid.NewGuid().ToString();
    }

    public string DisplayName { get; set; } = "";

    /// <summary>A deactivated user can neither sign in nor use a token; their history stays.</summary>
    public bool IsActive { get; set; } = true;

    public Guid? DefaultCompanyId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public List<Membership> Memberships { get; } = [];
}

/// <summary>A user's access to one company, with the roles they hold there.</summary>
public sealed class Membership
{
    public Guid UserId { get; set; }
    public Guid CompanyId { get; set; }

    /// <summary>Role names from <see cref="Security.Roles"/>.</summary>
    public List<string> Roles { get; set; } = [];
}

/// <summary>A legal entity whose books are kept in Tandem. Every business record belongs to one.</summary>
public sealed class Company
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public string Currency { get; set; } = "EUR";
    public DateTimeOffset CreatedAt { get; set; }
}

public enum ApiTokenKind
{
    /// <summary>Issued by <c>POST /api/v1/auth/token</c>; expires after an hour.</summary>
    Session,

    /// <summary>Created by the user for scripts and integrations; lives until revoked or its expiry date.</summary>
    Personal,
}

/// <summary>A bearer token. Only its SHA-256 hash is stored; the token itself is shown once.</summary>
public sealed class ApiToken
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid UserId { get; set; }
    public ApiTokenKind Kind { get; set; }
    public string Name { get; set; } = "";
    public string Hash { get; set; } = "";

    /// <summary>The first characters of the token, so a user can tell their tokens apart.</summary>
    public string Prefix { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ExpiresAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
}
