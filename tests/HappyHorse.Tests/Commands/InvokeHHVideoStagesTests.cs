using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Reflection;
using HappyHorse.Binding;
using HappyHorse.Commands;
using Xunit;

namespace HappyHorse.Tests.Commands;

/// <summary>
/// Invoke-HHVideo is New-HHVideoJob | Wait-HHJob | Save-HHVideo: every parameter of the three stages
/// is one of its own, declared the same way, and reaches its stage, unless
/// <see cref="StageParameters.NotExposed"/> says why not. A parameter added to a stage and forgotten
/// here fails this test, naming it.
/// </summary>
public class InvokeHHVideoStagesTests
{
    public static TheoryData<string, string> StageParameterData()
    {
        var data = new TheoryData<string, string>();
        foreach (var stage in StageParameters.Stages)
            foreach (var property in ParameterProperties(stage.Value))
                data.Add(stage.Value.Name, property.Name);
        return data;
    }

    [Theory]
    [MemberData(nameof(StageParameterData))]
    public void EveryStageParameterIsInvokeHHVideosOwnOrListedWithAReason(string stageName, string parameter)
    {
        var stage = StageType(stageName);
        if (StageParameters.NotExposed.TryGetValue(StageParameters.Key(stage, parameter), out var reason))
        {
            Assert.False(string.IsNullOrWhiteSpace(reason));
            Assert.False(StageParameters.Routes(stage, parameter), $"{stageName}.{parameter} is listed as not exposed but would be passed on.");
            return;
        }
        var own = typeof(InvokeHHVideoCommand).GetProperty(parameter, BindingFlags.Public | BindingFlags.Instance);
        Assert.True(own != null && own.IsDefined(typeof(ParameterAttribute), true),
            $"{stageName} has -{parameter} but Invoke-HHVideo does not: declare it on InvokeHHVideoCommand (and in docs/en-US/Invoke-HHVideo.md), " +
            "or list it in StageParameters.NotExposed with the reason.");
        var theirs = stage.GetProperty(parameter, BindingFlags.Public | BindingFlags.Instance)!;
        Assert.Equal(theirs.PropertyType, own!.PropertyType);
        Assert.Equal(Aliases(theirs), Aliases(own));
        Assert.Equal(Validation(theirs), Validation(own));
        Assert.True(StageParameters.Routes(stage, parameter), $"Invoke-HHVideo -{parameter} does not reach {stageName}.");
    }

    [Fact]
    public void EveryParameterOfInvokeHHVideoReachesAStageOrIsItsOwn()
    {
        // InputObject is the row itself; Report is written by Invoke-HHVideo after the chain ends.
        var ownOnly = new[] { "InputObject", "Report" };
        var stray = ParameterProperties(typeof(InvokeHHVideoCommand)).Select(p => p.Name)
            .Where(n => !ownOnly.Contains(n) && !StageParameters.Stages.Any(s => StageParameters.Routes(s.Value, n)))
            .ToList();
        Assert.True(stray.Count == 0, "Invoke-HHVideo parameters no stage receives: " + string.Join(", ", stray));
    }

    [Fact]
    public void PickSendsEachGivenParameterToTheStagesThatTakeIt()
    {
        var given = new Dictionary<string, object>(StringComparer.OrdinalIgnoreCase)
        {
            ["ThrottleLimit"] = 3, ["PollInterval"] = 5.0, ["JournalPath"] = "j.jsonl", ["Path"] = "out",
            ["Prompt"] = "p", ["Timeout"] = 60, ["Report"] = "r.html", ["TimeoutSec"] = 30, ["WhatIf"] = new SwitchParameter(true),
            ["InputObject"] = new PSObject(),
        };
        var newJob = InvokeHHVideoCommand.Pick(given, typeof(NewHHVideoJobCommand));
        var wait = InvokeHHVideoCommand.Pick(given, typeof(WaitHHJobCommand));
        var save = InvokeHHVideoCommand.Pick(given, typeof(SaveHHVideoCommand));

        Assert.Equal(new[] { "JournalPath", "Prompt", "ThrottleLimit", "TimeoutSec", "WhatIf" }, Names(newJob));
        Assert.Equal(new[] { "JournalPath", "PollInterval", "Timeout", "TimeoutSec" }, Names(wait));
        Assert.Equal(new[] { "JournalPath", "Path", "TimeoutSec", "WhatIf" }, Names(save));
        Assert.Equal(3, newJob["ThrottleLimit"]);
    }

    private static IEnumerable<string> Names(Hashtable picked) =>
        picked.Keys.Cast<string>().Where(k => !k.EndsWith("Action", StringComparison.Ordinal)).OrderBy(k => k, StringComparer.Ordinal);

    private static Type StageType(string name) => StageParameters.Stages.Single(s => s.Value.Name == name).Value;

    private static IEnumerable<PropertyInfo> ParameterProperties(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.IsDefined(typeof(ParameterAttribute), true));

    private static string[] Aliases(PropertyInfo property) =>
        property.GetCustomAttributes<AliasAttribute>(true).SelectMany(a => a.AliasNames).OrderBy(a => a, StringComparer.Ordinal).ToArray();

    /// <summary>What the binder does to a value: validation, Allow* and transformation attributes, with their arguments.</summary>
    private static string[] Validation(PropertyInfo property) => property.GetCustomAttributes(true)
        .Where(a => a is ValidateArgumentsAttribute || a is ArgumentTransformationAttribute
                    || a is AllowNullAttribute || a is AllowEmptyStringAttribute || a is AllowEmptyCollectionAttribute)
        .Select(Describe).OrderBy(s => s, StringComparer.Ordinal).ToArray();

    private static string Describe(object attribute) => attribute switch
    {
        ValidateRangeAttribute r => $"ValidateRange({r.MinRange}, {r.MaxRange})",
        ValidateSetAttribute s => $"ValidateSet({string.Join(", ", s.ValidValues)}, IgnoreCase={s.IgnoreCase})",
        ValidateLengthAttribute l => $"ValidateLength({l.MinLength}, {l.MaxLength})",
        ValidatePatternAttribute p => $"ValidatePattern({p.RegexPattern})",
        LenientInputAttribute l => $"LenientInput({l.Field})",
        _ => attribute.GetType().Name,
    };
}
