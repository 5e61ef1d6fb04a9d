using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Tandem.Platform.Persistence;

namespace Tandem.Platform.Api;

/// <summary>The first answer to a POST sent with an <c>Idempotency-Key</c>, kept so a retry gets it again instead of a second write.</summary>
public sealed class IdempotencyRecord
{
    public Guid UserId { get; set; }
    public string IdempotencyKey { get; set; } = "";
    public string RequestHash { get; set; } = "";
    public int? StatusCode { get; set; }
    public string? ContentType { get; set; }
    public string? Location { get; set; }
    public byte[]? ResponseBody { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }

    /// <summary>The mapping, called from PlatformDb.ConfigurePlatformFeatures.</summary>
    public static void Configure(ModelBuilder builder) => builder.Entity<IdempotencyRecord>(record =>
    {
        record.ToTable("idempotency_records");
        record.HasKey(r => new { r.UserId, r.IdempotencyKey });
        record.Property(r => r.IdempotencyKey).HasMaxLength(IdempotencyOptions.MaxKeyLength);
        record.Property(r => r.RequestHash).HasMaxLength(64);
        record.Property(r => r.ContentType).HasMaxLength(200);
        record.Property(r => r.Location).HasMaxLength(2000);
        record.HasIndex(r => r.ExpiresAt);
    });
}

public sealed class IdempotencyOptions
{
    public const string Section = "Tandem:Idempotency";
    public const int MaxKeyLength = 200;

    public TimeSpan Lifetime { get; set; } = TimeSpan.FromHours(24);
}

/// <summary>
/// <c>POST /api/...</c> with <c>Idempotency-Key</c>: the first request claims (user, key) in its own committed
/// row, runs, and stores its answer; a retry with the same body gets that answer with
/// <c>Idempotency-Replayed: true</c>; a different body under the same key is refused (422), and a retry
/// while the first is still running is told to wait (409). Server errors are not kept, so they can be retried.
/// </summary>
public sealed class IdempotencyMiddleware(RequestDelegate next)
{
    public const string Header = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotency-Replayed";

    public async Task InvokeAsync(HttpContext context, IOptions<DatabaseOptions> database, IOptions<IdempotencyOptions> options, TimeProvider clock)
    {
        var request = context.Request;
        if (!HttpMethods.IsPost(request.Method) || !request.Path.StartsWithSegments("/api")
            || !request.Headers.TryGetValue(Header, out var values) || string.IsNullOrWhiteSpace(values.ToString()))
        {
            await next(context);
            return;
        }
        // Keys are scoped to the user; an anonymous request has no one to scope them to.
        if (!Guid.TryParse(context.User.FindFirstValue(TandemClaims.UserId), out var userId))
        {
            await next(context);
            return;
        }
        var key = values.ToString().Trim();
        if (key.Length > IdempotencyOptions.MaxKeyLength)
        {
            await ProblemWriter.WriteAsync(context, StatusCodes.Status400BadRequest, "validation_failed",
                $"The {Header} header is at most {IdempotencyOptions.MaxKeyLength} characters.",
                new Dictionary<string, string[]> { [Header] = [$"At most {IdempotencyOptions.MaxKeyLength} characters."] });
            return;
        }

        request.EnableBuffering();
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, context.RequestAborted);
        request.Body.Position = 0;
        var hash = Hash(request, buffer.ToArray());

        var provider = database.Value.Provider;
        var table = PlatformSql.Table(provider, "idempotency_records");
        await using var connection = DbSession.CreateConnection(database.Value);
        await connection.OpenAsync(context.RequestAborted);
        var now = clock.GetUtcNow().UtcDateTime;

        // Expired records go on write, so the table holds a day of keys and needs no separate job.
        await using (var cleanup = PlatformSql.Command(connection, null, $"DELETE FROM {table} WHERE expires_at < @now").With(provider, "@now", now))
            await cleanup.ExecuteNonQueryAsync(context.RequestAborted);

        int claimed;
        await using (var insert = PlatformSql.Command(connection, null,
                         $"INSERT INTO {table} (user_id, idempotency_key, request_hash, created_at, expires_at) " +
                         "VALUES (@user, @key, @hash, @now, @expires) ON CONFLICT DO NOTHING")
                     .With(provider, "@user", userId).With(provider, "@key", key).With(provider, "@hash", hash)
                     .With(provider, "@now", now).With(provider, "@expires", now + options.Value.Lifetime))
            claimed = await insert.ExecuteNonQueryAsync(context.RequestAborted);

        if (claimed == 0)
        {
            await AnswerRepeatAsync(context, connection, provider, table, userId, key, hash);
            return;
        }
        await RunAndKeepAsync(context, connection, provider, table, userId, key);
    }

    private async Task RunAndKeepAsync(HttpContext context, System.Data.Common.DbConnection connection, DatabaseProvider provider, string table, Guid userId, string key)
    {
        var original = context.Response.Body;
        using var captured = new MemoryStream();
        context.Response.Body = captured;
        var kept = false;
        try
        {
            await next(context);
            var status = context.Response.StatusCode;
            if (status < 500)
            {
                await using var store = PlatformSql.Command(connection, null,
                        $"UPDATE {table} SET status_code = @status, content_type = @type, location = @location, response_body = @body " +
                        "WHERE user_id = @user AND idempotency_key = @key")
                    .With(provider, "@status", status)
                    .With(provider, "@type", context.Response.ContentType)
                    .With(provider, "@location", context.Response.Headers.Location.ToString() is { Length: > 0 } l ? l : null)
                    .With(provider, "@body", captured.ToArray())
                    .With(provider, "@user", userId).With(provider, "@key", key);
                await store.ExecuteNonQueryAsync(CancellationToken.None);
                kept = true;
            }
        }
        finally
        {
            context.Response.Body = original;
            if (!kept)
            {
                await using var release = PlatformSql.Command(connection, null, $"DELETE FROM {table} WHERE user_id = @user AND idempotency_key = @key")
                    .With(provider, "@user", userId).With(provider, "@key", key);
                await release.ExecuteNonQueryAsync(CancellationToken.None);
            }
        }
        captured.Position = 0;
        await captured.CopyToAsync(original, context.RequestAborted);
    }

    private static async Task AnswerRepeatAsync(HttpContext context, System.Data.Common.DbConnection connection, DatabaseProvider provider, string table, Guid userId, string key, string hash)
    {
        await using var read = PlatformSql.Command(connection, null,
                $"SELECT request_hash, status_code, content_type, location, response_body FROM {table} WHERE user_id = @user AND idempotency_key = @key")
            .With(provider, "@user", userId).With(provider, "@key", key);
        await using var reader = await read.ExecuteReaderAsync(context.RequestAborted);
        if (!await reader.ReadAsync(context.RequestAborted) || reader.IsDBNull(1))
        {
            await ProblemWriter.WriteAsync(context, StatusCodes.Status409Conflict, "idempotency_key_in_progress",
                "A request with this Idempotency-Key is still being processed; retry when it has finished.");
            return;
        }
        if (reader.GetString(0) != hash)
        {
            await ProblemWriter.WriteAsync(context, StatusCodes.Status422UnprocessableEntity, "idempotency_key_reused",
                "This Idempotency-Key was used for a different request; use a new key for a new request.");
            return;
        }
        context.Response.StatusCode = reader.GetInt32(1);
        if (!reader.IsDBNull(2))
            context.Response.ContentType = reader.GetString(2);
        if (!reader.IsDBNull(3))
            context.Response.Headers.Location = reader.GetString(3);
        context.Response.Headers[ReplayedHeader] = "true";
        if (!reader.IsDBNull(4))
            await context.Response.Body.WriteAsync((byte[])reader.GetValue(4), context.RequestAborted);
    }

    private static string Hash(HttpRequest request, byte[] body)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        // The company is part of the request: the same key and body sent to another company is a different request.
        var company = request.HttpContext.User.FindFirstValue(TandemClaims.Company);
        sha.AppendData(System.Text.Encoding.UTF8.GetBytes($"{request.Method} {request.Path}{request.QueryString}\n{company}\n"));
        sha.AppendData(body);
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }
}

/// <summary>Problem details written from middleware, in the same shape endpoints answer with.</summary>
public static class ProblemWriter
{
    public static async Task WriteAsync(HttpContext context, int status, string code, string title, IReadOnlyDictionary<string, string[]>? errors = null)
    {
        context.Response.StatusCode = status;
        var problem = Problems.Details(status, code, title, errors);
        var service = context.RequestServices.GetService(typeof(IProblemDetailsService)) as IProblemDetailsService;
        if (service is null || !await service.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem }))
            await context.Response.WriteAsJsonAsync(problem);
    }
}
