using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Tandem.Testing;
using static Microsoft.Playwright.Assertions;

namespace Tandem.Browser.Tests;

/// <summary>A user registers a party with an address and a custom field the administrator defined.</summary>
public sealed class PartyFormJourneys(SqliteServer server, Chromium chromium) : IClassFixture<SqliteServer>, IClassFixture<Chromium>
{
    [Fact]
    public async Task Registering_a_party_with_an_address_and_a_custom_field_keeps_both()
    {
        var ct = TestContext.Current.CancellationToken;
        var key = "segment" + Guid.NewGuid().ToString("N")[..6];
        var api = await server.AdminClient();
        var defined = await api.PostAsJsonAsync("/api/v1/platform/custom-fields", new { recordType = "party", key, label = "Segment", type = "text" }, ct);
        Assert.Equal(HttpStatusCode.Created, defined.StatusCode);

        await using var browser = await BrowserSession.OpenAsync(chromium, server);
        await browser.SignInAsync(TandemServer.AdminEmail, TandemServer.AdminPassword, "/parties/new");
        var name = "Form Cycles " + Guid.NewGuid().ToString("N")[..8];
        await browser.Page.FillAsync("#party-name", name);
        await browser.Page.ClickAsync("#party-add-address");
        await browser.Page.FillAsync("#address-0-line1", "7 Canal Street");
        await browser.Page.FillAsync("#address-0-city", "Manchester");
        await browser.Page.FillAsync("#address-0-country", "GB");
        await browser.Page.FillAsync($"#cf-{key}", "Wholesale");
        await browser.Page.ClickAsync("#register-party");

        await Expect(browser.Page).ToHaveURLAsync(new Regex("/parties/[0-9a-f-]{36}$"));
        await Expect(browser.Page.Locator("#party-title")).ToHaveTextAsync(name);
        await Expect(browser.Page.Locator("#address-0-city")).ToHaveValueAsync("Manchester");
        await Expect(browser.Page.Locator($"#cf-{key}")).ToHaveValueAsync("Wholesale");
        await browser.ScreenshotAsync("party-form-address-custom-field");

        var id = browser.Page.Url[^36..];
        var party = await api.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/v1/parties/{id}", ct);
        Assert.Equal("GB", party.GetProperty("addresses")[0].GetProperty("country").GetString());
        Assert.Equal("Wholesale", party.GetProperty("customFields").GetProperty(key).GetString());
    }
}
