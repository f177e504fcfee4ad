using Xunit.Sdk;
using Xunit.v3;

namespace Sessions.Tests.Cluster;

/// <summary>Runs a class's tests in the order they are declared, for tests that tell one story step by step.</summary>
public sealed class DeclarationOrderer : ITestCaseOrderer
{
    public IReadOnlyCollection<TTestCase> OrderTestCases<TTestCase>(IReadOnlyCollection<TTestCase> testCases)
        where TTestCase : notnull, ITestCase =>
        [.. testCases.OrderBy(testCase => testCase is IXunitTestCase xunit ? xunit.TestMethodMetadataToken : int.MaxValue)];
}
