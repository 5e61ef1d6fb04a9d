using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Tandem.Platform;

namespace Tandem.Web.Services;

/// <summary>
/// Copies the circuit's authenticated user into the circuit scope's <see cref="CurrentPrincipal"/>:
/// inside an interactive circuit there is no reliable HttpContext for the middleware to read.
/// </summary>
internal sealed class CircuitPrincipalHandler(AuthenticationStateProvider authentication, CurrentPrincipal principal)
    : CircuitHandler, IDisposable
{
    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        authentication.AuthenticationStateChanged += OnAuthenticationChanged;
        return base.OnCircuitOpenedAsync(circuit, cancellationToken);
    }

    public override async Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        var state = await authentication.GetAuthenticationStateAsync();
        principal.Set(state.User);
    }

    private void OnAuthenticationChanged(Task<AuthenticationState> task) => _ = UpdateAsync(task);

    private async Task UpdateAsync(Task<AuthenticationState> task)
    {
        try
        {
            principal.Set((await task).User);
        }
        catch (InvalidOperationException)
        {
            // The circuit is going away; nothing acts as this user any more.
        }
    }

    public void Dispose() => authentication.AuthenticationStateChanged -= OnAuthenticationChanged;
}
