using Microsoft.Extensions.DependencyInjection;
using Tandem.Platform;

namespace Tandem.Web.Services;

/// <summary>
/// Runs one page operation in a fresh DI scope acting as the circuit's user, so a DbContext lives for
/// one operation rather than for the whole circuit, and handlers see the right company.
/// </summary>
public sealed class UseCases(IServiceScopeFactory scopes, CurrentPrincipal circuitPrincipal)
{
    public async Task<TResult> RunAsync<THandler, TResult>(Func<THandler, Task<TResult>> operation)
        where THandler : notnull
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentPrincipal>().Set(circuitPrincipal.Principal);
        return await operation(scope.ServiceProvider.GetRequiredService<THandler>());
    }
}
