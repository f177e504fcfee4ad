using System.Globalization;
using Sessions.Bench.Seeder;

// Exit codes: 0 all sessions seeded, 3 the time budget ran out first (the cookies seeded so far are written),
// 1 failure, 2 bad arguments. The last line on stdout is "SEEDED <sessions> <seconds>".
var options = SeederOptions.Parse(args, Console.Error);
if (options is null)
{
    Console.Error.WriteLine(SeederOptions.Usage);
    return 2;
}

using var budget = new CancellationTokenSource(options.Deadline);
using var handler = new SocketsHttpHandler
{
    UseCookies = false,
    AllowAutoRedirect = false,
    MaxConnectionsPerServer = options.Parallelism,
};
using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
using var progress = new SeedProgress(options.Label, options.Sessions);
var seeder = new SessionSeeder(http, options, progress);
var clock = System.Diagnostics.Stopwatch.StartNew();
try
{
    var result = await seeder.SeedAsync(budget.Token);
    var seconds = clock.Elapsed.TotalSeconds;
    progress.Finish();
    using var finishing = new CancellationTokenSource(TimeSpan.FromSeconds(60));
    if (result.Sessions.Count > 0)
    {
        await seeder.VerifyAsync(result.Sessions, finishing.Token);
    }

    var cookies = result.Sessions.Select(s => s.Cookie);
    if (options.Append)
    {
        await File.AppendAllLinesAsync(options.CookiesPath, cookies, finishing.Token);
    }
    else
    {
        await File.WriteAllLinesAsync(options.CookiesPath, cookies, finishing.Token);
    }

    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"SEEDED {result.Sessions.Count} {seconds:F1}"));
    return result.Partial ? 3 : 0;
}
catch (OperationCanceledException)
{
    progress.Finish();
    Console.Error.WriteLine($"seeding {options.Label}: a request got no answer within {http.Timeout.TotalSeconds:N0} s");
    return 1;
}
catch (Exception exception) when (exception is SeedException or HttpRequestException)
{
    progress.Finish();
    Console.Error.WriteLine($"seeding {options.Label} failed: {exception.Message}");
    return 1;
}
