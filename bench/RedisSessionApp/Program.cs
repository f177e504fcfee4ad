using Sessions.Bench.RedisSessionApp;

var builder = WebApplication.CreateBuilder(args);
var mode = builder.Configuration.GetValue(ReferenceAppHostingExtensions.ModeKey, ReferenceAppMode.RedisSession);
if (mode == ReferenceAppMode.RedisSession)
{
    builder.AddRedisSession();   // AddStackExchangeRedisCache + the stock AddSession()
}

var app = builder.Build();
if (mode == ReferenceAppMode.RedisSession)
{
    app.UseSession();
    app.MapSessionItemEndpoints();
    app.MapRedisHealth();
}
else
{
    app.MapBareEndpoints();
}

app.Run();
