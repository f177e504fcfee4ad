using System.Text.Encodings.Web;
using System.Text.Json;
using Sessions.Bench.Report;

// usage: Sessions.Bench.Report <run folder> <output path without extension>
// Reads what run.sh recorded, writes <output>.json and <output>.md, and prints the Markdown.
if (args.Length != 2)
{
    Console.Error.WriteLine("usage: Sessions.Bench.Report <run folder> <output path without extension>");
    return 2;
}

var report = ReportBuilder.Build(RunInputs.Read(args[0]));
var json = JsonSerializer.Serialize(report, new JsonSerializerOptions
{
    WriteIndented = true,
    PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
    Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
});
var markdown = MarkdownReport.Render(report);
File.WriteAllText(args[1] + ".json", json + "\n");
File.WriteAllText(args[1] + ".md", markdown);
Console.Write(markdown);
return 0;
