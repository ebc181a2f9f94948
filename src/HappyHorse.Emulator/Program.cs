using System.Runtime.InteropServices;
using HappyHorse.Emulator;
using HappyHorse.Emulator.Cli;

CommandLine commandLine;
try
{
    commandLine = CommandLine.Parse(args);
}
catch (Exception e) when (e is FormatException or ArgumentException)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

if (commandLine.ShowHelp)
{
    Console.WriteLine(CommandLine.HelpText);
    return 0;
}

var stop = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true; // shut Kestrel down cleanly instead of dying mid-response
    stop.TrySetResult();
};
using PosixSignalRegistration sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    stop.TrySetResult();
});

await using EmulatorServer server = await EmulatorServer.StartAsync(commandLine.Options, commandLine.Urls);
EmulatorOptions o = server.Options;
Console.WriteLine($"HappyHorse emulator listening on {server.BaseUri}");
Console.WriteLine($"  tokens: {string.Join(", ", o.Tokens)}; workers {o.Workers}; time scale {o.TimeScale}; seed {server.Seed}{(o.Seed is null ? " (drawn for this run; --seed replays one)" : "")}");
if (o.ResultSuccessWord != Dialect.Succeeded || o.CancelledWord != Dialect.Cancelled || o.CancelAnswerRequested || o.CancelAnswerOutcomeOnly)
    Console.WriteLine($"  dialect: result success '{o.ResultSuccessWord}', '{o.CancelledWord}'{(o.CancelAnswerRequested ? ", cancel answers cancellation_requested" : "")}{(o.CancelAnswerOutcomeOnly ? ", cancel answers carry only outcome" : "")}");
Console.WriteLine($"  admin:  {server.RootUri.GetLeftPart(UriPartial.Authority)}/admin/stats   (Ctrl+C to stop)");
await stop.Task;
return 0;
