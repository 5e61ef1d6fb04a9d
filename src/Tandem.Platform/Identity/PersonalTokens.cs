using Microsoft.EntityFrameworkCore;
using Tandem.SharedKernel;

namespace Tandem.Platform.Identity;

public sealed record PersonalTokenDto(Guid Id, string Name, string Prefix, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt, DateTimeOffset? RevokedAt);

public sealed record PersonalTokenCreated(Guid Id, string Name, string Token, string Prefix, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt);

/// <summary>A user's own long-lived API tokens: the API endpoints and the tokens page share this logic.</summary>
public sealed class PersonalTokens(PlatformDb db, ApiTokens tokens, TimeProvider clock)
{
    public async Task<List<PersonalTokenDto>> ListAsync(Guid userId, CancellationToken ct)
    {
        var tokens = await db.ApiTokens.AsNoTracking()
            .Where(t => t.UserId == userId && t.Kind == ApiTokenKind.Personal)
            .Select(t => new PersonalTokenDto(t.Id, t.Name, t.Prefix, t.CreatedAt, t.ExpiresAt, t.RevokedAt))
            .ToListAsync(ct);
        // Ordered here: SQLite cannot ORDER BY a DateTimeOffset, and one user's tokens are few.
        return [.. tokens.OrderByDescending(t => t.CreatedAt)];
    }

    public async Task<Result<PersonalTokenCreated>> CreateAsync(Guid userId, string? name, DateTimeOffset? expiresAt, CancellationToken ct)
    {
        var errors = new FieldErrors()
            .Required("name", name, 100)
            .When(expiresAt is { } e && e <= clock.GetUtcNow(), "expiresAt", "Must be in the future.");
        if (errors.Any)
            return errors.ToError();
        var (token, record) = await tokens.IssueAsync(userId, ApiTokenKind.Personal, name!.Trim(), expiresAt, ct);
        return new PersonalTokenCreated(record.Id, record.Name, token, record.Prefix, record.CreatedAt, record.ExpiresAt);
    }

    public async Task<Result<PersonalTokenDto>> RevokeAsync(Guid userId, Guid tokenId, CancellationToken ct)
    {
        var token = await db.ApiTokens.SingleOrDefaultAsync(t => t.Id == tokenId && t.UserId == userId && t.Kind == ApiTokenKind.Personal, ct);
        if (token is null)
            return Error.NotFound("Token");
        token.RevokedAt ??= clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return new PersonalTokenDto(token.Id, token.Name, token.Prefix, token.CreatedAt, token.ExpiresAt, token.RevokedAt);
    }
}
