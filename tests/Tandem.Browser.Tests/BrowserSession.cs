using Microsoft.Playwright;
using Tandem.Testing;
using static Microsoft.Playwright.Assertions;

namespace Tandem.Browser.Tests;

/// <summary>One user's browser tab against the test server, with the steps every journey shares.</summary>
public sealed class BrowserSession(IBrowserContext context, IPage page, Uri baseAddress) : IAsyncDisposable
{
    public IPage Page { get; } = page;

    public static async Task<BrowserSession> OpenAsync(Chromium chromium, TandemServer server)
    {
        var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = server.BaseAddress.ToString().TrimEnd('/') });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        var session = new BrowserSession(context, page, server.BaseAddress);
        page.Console += (_, message) => session._console.Add($"{message.Type}: {message.Text}");
        page.PageError += (_, error) => session._console.Add($"page error: {error}");
        return session;
    }

    private readonly List<string> _console = [];

    public Uri BaseAddress { get; } = baseAddress;

    /// <summary>Signs in through the form and waits until the interactive shell is live.</summary>
    public async Task SignInAsync(string email, string password, string returnUrl = "/")
    {
        await Page.GotoAsync($"/login?ReturnUrl={Uri.EscapeDataString(returnUrl)}");
        await Page.FillAsync("#email", email);
        await Page.FillAsync("#password", password);
        await Page.ClickAsync("#sign-in");
        await Page.WaitForURLAsync(url => !new Uri(url).AbsolutePath.StartsWith("/login", StringComparison.Ordinal));
        await WaitInteractiveAsync();
    }

    /// <summary>Blazor handles clicks only once the circuit is up; the layout marks that moment.</summary>
    public async Task WaitInteractiveAsync()
    {
        try
        {
            await Expect(Page.Locator("#tandem-shell[data-interactive='true']")).ToBeVisibleAsync(new() { Timeout = 20_000 });
        }
        catch (PlaywrightException e)
        {
            // The browser's console says why a circuit did not start.
            throw new InvalidOperationException("The page did not become interactive. Browser console:\n" + string.Join("\n", _console), e);
        }
    }

    public async Task GoAsync(string path)
    {
        await Page.GotoAsync(path);
        await WaitInteractiveAsync();
    }

    public ILocator NavLink(string title) =>
        Page.Locator("#main-nav").GetByRole(AriaRole.Link, new() { Name = title, Exact = true });

    /// <summary>Saves a screenshot beside the test output, for looking at a failure.</summary>
    public Task ScreenshotAsync(string name) =>
        Page.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "screenshots", name + ".png"), FullPage = true });

    public async ValueTask DisposeAsync() => await context.DisposeAsync();
}
