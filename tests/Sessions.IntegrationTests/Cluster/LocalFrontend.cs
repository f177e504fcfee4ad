namespace Sessions.Tests.Cluster;

/// <summary>One WebFrontend process (client mode) of the local cluster, as <c>local-cluster.sh</c> reported it.</summary>
public sealed record LocalFrontend(int Number, int Pid, Uri Url);
