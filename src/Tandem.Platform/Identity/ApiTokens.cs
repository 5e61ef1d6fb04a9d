using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;

namespace Tandem.Platform.Identity;

/// <summary>Creates bearer tokens and finds the live token a request presents. Tokens are stored hashed.</summary>
public sealed class ApiTokens(PlatformDb db, TimeProvider clock)
{
    public static readonly TimeSpan SessionLifetime = TimeSpan.FromHours(1);
    private const string TokenPrefix = "tdm_";

    public async Task<(string Token, ApiToken Record)> IssueAsync(
        Guid userId, ApiTokenKind kind, string name, DateTimeOffset? expiresAt, CancellationToken ct)
    {
        var secret = TokenPrefix + Base64Url(RandomNumberGenerator.GetBytes(32));
        var record = new ApiToken
        {
            UserId = userId,
            Kind = kind,
            Name = name,
            Hash = Hash(secret),
            Prefix = secret[..10],
            CreatedAt = clock.GetUtcNow(),
            ExpiresAt = expiresAt,
        };
        db.ApiTokens.Add(record);
        await db.SaveChangesAsync(ct);
        return (secret, record);
    }

    /// <summary>The user a presented token belongs to, when the token is live and its user active.</summary>
    public async Task<Guid?> ValidateAsync(string presented, CancellationToken ct)
    {
        if (!presented.StartsWith(TokenPrefix, StringComparison.Ordinal) || presented.Length > 100)
            return null;
        var hash = Hash(presented);
        var now = clock.GetUtcNow();
        var token = await db.ApiTokens.AsNoTracking()
            .Where(t => t.Hash == hash && t.RevokedAt == null)
            .Select(t => new { t.UserId, t.ExpiresAt })
            .SingleOrDefaultAsync(ct);
        if (token is null || (token.ExpiresAt is { } expires && expires <= now))
            return null;
        return token.UserId;
    }

    public static string Hash(string token) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
