using Microsoft.Extensions.Hosting;
using Sessions.Silo;

var builder = Host.CreateApplicationBuilder(args);
builder.AddSessionsSilo();
await builder.Build().RunAsync();
