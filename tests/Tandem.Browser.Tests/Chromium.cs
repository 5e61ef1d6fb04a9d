using Microsoft.Playwright;

namespace Tandem.Browser.Tests;

/// <summary>Debian's Chromium driven by Playwright: no browser download, headless, one browser per test class.</summary>
public sealed class Chromium : IAsyncLifetime
{
    public const string ExecutablePath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = default!;

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ExecutablePath))
            throw new InvalidOperationException($"Browser tests need Chromium at {ExecutablePath}: apt-get install -y chromium");
        _playwright = await Playwright.CreateAsync();
        // A shared 2-core machine is slow; the default 5 s makes journeys flaky.
        Assertions.SetDefaultExpectTimeout(10_000);
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
            await Browser.DisposeAsync();
        _playwright?.Dispose();
    }
}
