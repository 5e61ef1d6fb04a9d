using System.Net;
using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Tandem.Platform.Identity;
using Tandem.Testing;
using static Microsoft.Playwright.Assertions;

namespace Tandem.Browser.Tests;

/// <summary>What a user does with their own account: API tokens and switching company.</summary>
public sealed class AccountJourneys(SqliteServer server, Chromium chromium) : IClassFixture<SqliteServer>, IClassFixture<Chromium>
{
    [Fact]
    public async Task A_user_creates_an_API_token_sees_the_secret_once_and_revokes_it()
    {
        var ct = TestContext.Current.CancellationToken;
        var (email, password) = await server.CreateUserAsync(["sales_rep"]);
        await using var browser = await BrowserSession.OpenAsync(chromium, server);
        await browser.SignInAsync(email, password, "/account/tokens");

        await browser.Page.FillAsync("#token-name", "nightly export");
        await browser.Page.ClickAsync("#create-token");
        var secret = browser.Page.Locator("#token-secret .tandem-secret");
        await Expect(secret).ToContainTextAsync("tdm_");
        var token = (await secret.InnerTextAsync()).Trim();

        using var client = server.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/auth/me", ct)).StatusCode);

        var row = browser.Page.Locator("#tokens tbody tr", new() { HasText = "nightly export" });
        await row.GetByRole(AriaRole.Button, new() { Name = "Revoke" }).ClickAsync();
        await Expect(row).ToContainTextAsync("revoked");
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/auth/me", ct)).StatusCode);
    }

    [Fact]
    public async Task Switching_company_signs_in_again_with_the_roles_held_there()
    {
        var code = "SW" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var other = await server.CreateCompanyAsync(code);
        var (email, password) = await server.CreateUserAsync(["sales_rep"]);
        await using (var scope = server.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PlatformDb>();
            var user = await db.Users.SingleAsync(u => u.Email == email, TestContext.Current.CancellationToken);
            db.Memberships.Add(new Membership { UserId = user.Id, CompanyId = other, Roles = ["admin"] });
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }
        await using var browser = await BrowserSession.OpenAsync(chromium, server);
        await browser.SignInAsync(email, password);
        await Expect(browser.NavLink("Users")).ToHaveCountAsync(0);

        await browser.Page.Locator("#company-switcher button").First.ClickAsync();
        await browser.Page.GetByRole(AriaRole.Button, new() { Name = $"Company {code} ({code})" }).ClickAsync();

        await browser.WaitInteractiveAsync();
        await Expect(browser.Page.Locator("#current-company")).ToHaveTextAsync($"Company {code}");
        await Expect(browser.NavLink("Users")).ToBeVisibleAsync();
    }
}
