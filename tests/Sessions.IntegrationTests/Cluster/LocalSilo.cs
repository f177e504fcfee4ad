namespace Sessions.Tests.Cluster;

/// <summary>One Silo process of the local cluster, as <c>local-cluster.sh</c> reported it.</summary>
public sealed record LocalSilo(int Number, int Pid, int SiloPort, int GatewayPort);
