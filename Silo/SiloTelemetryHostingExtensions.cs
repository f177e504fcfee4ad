using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Orleans.Diagnostics;
using Sessions.Grains;
using Sessions.Configuration;

namespace Sessions.Silo;

public static class SiloTelemetryHostingExtensions
{
    /// <summary>Orleans' meter: a standalone silo exports it (a frontend leaves it out, see its metrics setup).</summary>
    public const string OrleansMeterName = "Microsoft.Orleans";

    /// <summary>
    /// Telemetry of a standalone Silo: its meters (sessions, Orleans) as Prometheus text at
    /// <see cref="ObservabilityOptions.SiloMetricsPort"/>, and with <see cref="ObservabilityOptions.OtlpEndpoint"/>
    /// metrics and traces of grain calls over OTLP. Nothing is recorded when neither is configured.
    /// </summary>
    public static IHostApplicationBuilder AddSiloTelemetry(this IHostApplicationBuilder builder)
    {
        var options = builder.GetValidatedOptions<ObservabilityOptions>();
        if (options.SiloMetricsPort == 0 && !options.RecordsTraces())
        {
            return builder;
        }

        var telemetry = builder.Services.AddOpenTelemetry().WithMetrics(metrics =>
        {
            metrics.AddMeter(SessionMetrics.MeterName, OrleansMeterName);
            if (options.SiloMetricsPort > 0)
            {
                metrics.AddPrometheusHttpListener(listener =>
                {
                    listener.Host = options.SiloMetricsHost;
                    listener.Port = options.SiloMetricsPort;
                });
            }

            if (options.RecordsTraces())
            {
                metrics.AddOtlpExporter(otlp => otlp.Endpoint = new Uri(options.OtlpEndpoint));
            }
        });
        if (options.RecordsTraces())
        {
            telemetry.WithTracing(tracing => tracing
                .AddSource(ActivitySources.AllActivitySourceName)
                .AddOtlpExporter(otlp => otlp.Endpoint = new Uri(options.OtlpEndpoint)));
        }

        return builder;
    }
}
