namespace Tandem.Platform.Tests;

internal static class TestWaits
{
    /// <summary>Polls until the condition holds; fails with the message when the time is up.</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string because)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out after {timeout.TotalSeconds:0}s waiting until {because}");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }
}
