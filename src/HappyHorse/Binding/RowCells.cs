using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Reflection;

namespace HappyHorse.Binding
{
    /// <summary>
    /// What this row gave for each parameter: the command line's value when one was given there (it
    /// applies to every row, as PowerShell binds it), else the row's own cell under the parameter's
    /// name or any alias, else nothing. Read from the row itself, never from BoundParameters, which
    /// keeps entries from earlier rows.
    /// </summary>
    internal sealed class RowCells
    {
        private readonly Dictionary<string, object?> _commandLine;
        private readonly Dictionary<string, string[]> _names;
        private readonly Dictionary<string, PSPropertyInfo> _view = new Dictionary<string, PSPropertyInfo>(StringComparer.OrdinalIgnoreCase);
        private PSObject? _viewed;

        public RowCells(Type cmdletType, IDictionary<string, object> boundAtBegin)
        {
            _commandLine = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
            foreach (var pair in boundAtBegin) _commandLine[pair.Key] = pair.Value is PSObject p ? p.BaseObject : pair.Value;
            _names = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase);
            foreach (var property in cmdletType.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                var names = new List<string> { property.Name };
                var alias = property.GetCustomAttribute<AliasAttribute>();
                if (alias != null) names.AddRange(alias.AliasNames);
                _names[property.Name] = names.ToArray();
            }
        }

        public bool FromCommandLine(string parameter) => _commandLine.ContainsKey(parameter);

        /// <summary>
        /// Reads the row's properties in one pass and answers <see cref="Get"/> for this row from them.
        /// Each failed lookup by name (a missing alias, an absent column) costs the engine a walk of
        /// every member adapter under a lock; a dozen of them per row were a tenth of a submit's CPU.
        /// Values are still read live, so a row mutated between records reads as it is now.
        /// </summary>
        public IEnumerable<PSPropertyInfo> View(PSObject? row)
        {
            _view.Clear();
            _viewed = row;
            if (row == null) return _view.Values;
            foreach (var property in RowProperties.Of(row))
                if (!_view.ContainsKey(property.Name)) _view[property.Name] = property;
            return _view.Values;
        }

        /// <summary>The row's cell of that name, any case (not a parameter: e.g. a BaseUri column), from the view when it is this row's.</summary>
        public PSPropertyInfo? Cell(PSObject row, string name) =>
            ReferenceEquals(row, _viewed) ? (_view.TryGetValue(name, out var property) ? property : null) : RowProperties.Named(row, name);

        /// <summary>The raw value (e.g. the CSV string) for <paramref name="parameter"/> in this row, or null.</summary>
        public object? Get(string parameter, PSObject? row)
        {
            if (_commandLine.TryGetValue(parameter, out var given)) return given is SwitchParameter s ? s.IsPresent : Binding.NotWholeStandIn.Original(given);
            if (row == null || !_names.TryGetValue(parameter, out var names)) return null;
            bool viewed = ReferenceEquals(row, _viewed);
            foreach (var name in names)
            {
                PSPropertyInfo? property;
                if (!viewed) property = row.Properties[name];
                else if (!_view.TryGetValue(name, out property)) property = null;
                if (property == null) continue;
                object? value;
                try { value = property.Value; }
                catch (GetValueException) { continue; }
                return value is PSObject p ? p.BaseObject : value;
            }
            return null;
        }
    }
}
