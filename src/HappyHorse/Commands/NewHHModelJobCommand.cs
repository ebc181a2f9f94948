using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using System.Text.Json;
using HappyHorse.Input;
using HappyHorse.LocalImages;
using HappyHorse.Binding;
using HappyHorse.Commands.Base;
using HappyHorse.Records;

namespace HappyHorse.Commands
{
    /// <summary>
    /// Submits a job to any RunComfy model (the HappyHorse siblings text-to-video, image-to-video,
    /// video-edit, or another) from a hashtable or an object of inputs per pipeline row, checked
    /// against the model's input schema from the catalog. Same throttle, journal, budget and
    /// output as New-HHVideoJob, so Wait-HHJob and Save-HHVideo work unchanged.
    /// </summary>
    [Cmdlet(VerbsCommon.New, "HHModelJob", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, HelpUri = HelpLinks.Docs + "New-HHModelJob.md")]
    [OutputType(typeof(HHVideoJob))]
    public sealed class NewHHModelJobCommand : JobSubmitCmdlet
    {
        private static readonly string[] RoutingColumns = { "model_id", "Model" };
        private readonly HashSet<string> _unvalidated = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        private readonly LocalImageCache _localImages = new LocalImageCache();
        private int _row;

        /// <summary>The model id, e.g. happyhorse/happyhorse-1.0/text-to-video.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("model_id")]
        [ValidateNotNullOrEmpty]
        public string Model { get; set; } = "";

        /// <summary>The inputs: a hashtable (@{ prompt = '...'; duration = 5 }) or an object such as a CSV row, whose properties are the fields.</summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipeline = true)]
        [Alias("Input", "Parameters")]
        public PSObject? InputObject { get; set; }

        protected override void ProcessRecord()
        {
            int row = ++_row;
            object target = (object?)InputObject ?? row;
            string model = Model.Trim();
            string? badModel = Api.ApiIds.ModelProblem(model);
            if (badModel != null)
            {
                WriteError(ErrorRecords.Create("InvalidInput", ErrorCategory.InvalidArgument, target,
                    $"Row {row} was not submitted: Model: {badModel}.", $"Give a RunComfy model id such as {Api.ApiIds.ModelExample}; nothing was sent for this row."));
                return;
            }
            var schema = SchemaOf(model);
            var problems = new List<InputProblem>();
            JobBody? body = ModelInputBuilder.Build(Fields(InputObject, model), schema, problems,
                (field, given, found) => _localImages.Load(field, given, path => LocalPaths.Resolve(this, path), found));
            if (body?.LimitProblem() is InputProblem tooBig) { problems.Add(tooBig); body = null; }
            if (body == null)
            {
                WriteError(ErrorRecords.Create("InvalidInput", ErrorCategory.InvalidArgument, target,
                    $"{JobLabel.Row(row, TitleOf(InputObject))} was not submitted to {model}: " + string.Join(" ", problems.ConvertAll(p => p.Message)),
                    "Fix the named fields (Get-Help New-HHModelJob shows how to read a model's schema); nothing was sent for this row."));
                return;
            }
            var rowObject = InputObject?.BaseObject is IDictionary ? null : InputObject;
            foreach (var image in body.Images)
                WriteVerbose($"Row {row}: {image.Field} is the local file {image.Facts}; sent inline as {image.DataPrefix}….");
            SubmitRow(row, target, rowObject, model, body, Seconds(body.Key, schema));
        }

        private ModelInputSchema? SchemaOf(string model)
        {
            if (_unvalidated.Contains(model)) return null;
            ModelInputSchema? schema = null;
            if (FindCredential() != null) schema = ReadCatalog(model)?.Schema;
            if (schema == null)
            {
                _unvalidated.Add(model);
                WriteWarning($"No input schema for {model} (no catalog entry, or no token to read it): inputs are sent as given, unchecked.");
            }
            return schema;
        }

        /// <summary>The row's fields: a hashtable's entries or an object's properties, minus the column that named the model.</summary>
        private static IEnumerable<KeyValuePair<string, object?>> Fields(PSObject? input, string model)
        {
            if (input == null) yield break;
            if (input.BaseObject is IDictionary table)
            {
                foreach (DictionaryEntry entry in table)
                    yield return new KeyValuePair<string, object?>(entry.Key.ToString()!, Unwrap(entry.Value));
                yield break;
            }
            foreach (var property in input.Properties)
            {
                if (!(property is PSNoteProperty || property is PSProperty)) continue;
                object? value;
                try { value = Unwrap(property.Value); }
                catch (GetValueException) { continue; }
                if (Array.Exists(RoutingColumns, c => string.Equals(c, property.Name, StringComparison.OrdinalIgnoreCase)) && string.Equals(value?.ToString(), model, StringComparison.OrdinalIgnoreCase))
                    continue;
                yield return new KeyValuePair<string, object?>(property.Name, value);
            }
        }

        private static object? Unwrap(object? value) => value is PSObject p ? p.BaseObject : value;

        /// <summary>Seconds of video the job asks for: its duration, else the schema's default, else HappyHorse's.</summary>
        private static int Seconds(byte[] body, ModelInputSchema? schema)
        {
            using var doc = JsonDocument.Parse(body);
            if (doc.RootElement.TryGetProperty("duration", out var given) && given.TryGetInt32(out int seconds)) return seconds;
            if (schema != null && schema.Fields.TryGetValue("duration", out var rule) && rule.Default is JsonElement d && d.TryGetInt32(out int fallback)) return fallback;
            return InputSchema.DefaultDuration;
        }
    }
}
