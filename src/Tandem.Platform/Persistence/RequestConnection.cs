using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Tandem.Platform.Persistence;

/// <summary>
/// Gives each API request one open database connection for its whole length, shared by every module's context
/// (see <see cref="DbSession.KeepOpenAsync"/>). Screens are left alone: their scope is a whole browser circuit,
/// which must not hold a pooled connection while the user reads.
/// </summary>
public sealed class RequestConnectionMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Request.Path.StartsWithSegments("/api"))
            await context.RequestServices.GetRequiredService<DbSession>().KeepOpenAsync(context.RequestAborted);
        await next(context);
    }
}
