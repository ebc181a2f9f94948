using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using System.Reflection;

namespace HappyHorse.Binding
{
    /// <summary>
    /// A row's properties, read without leaving anything behind on it. Enumerating
    /// <c>PSObject.Properties</c> makes PowerShell attach its reserved members (psbase, psadapted,
    /// psextended, psobject, pstypenames) to the row for good: about 1.2 KB per row, more than the
    /// job made from it, kept as long as the user keeps the rows. A plain [pscustomobject] row (what
    /// Import-Csv gives) has nothing but its own note properties, so those are read from its instance
    /// members directly; any other row, or an engine without that member, takes the public way.
    /// </summary>
    internal static class RowProperties
    {
        private static readonly PropertyInfo? InstanceMembers =
            typeof(PSObject).GetProperty("InstanceMembers", BindingFlags.Instance | BindingFlags.NonPublic);

        // Read as it is: the public TypeNames hands out (and keeps) a writable copy per object.
        private static readonly PropertyInfo? InternalTypeNames =
            typeof(PSObject).GetProperty("InternalTypeNames", BindingFlags.Instance | BindingFlags.NonPublic);

        public static IEnumerable<PSPropertyInfo> Of(PSObject row)
        {
            var own = OwnNoteProperties(row);
            return own ?? (IEnumerable<PSPropertyInfo>)row.Properties;
        }

        /// <summary>
        /// The row's property of that name (case-insensitive), or null. A plain row is searched among its
        /// own notes: PowerShell's lookup of a name a row lacks walks its type data and adapters under a
        /// lock, and asking every row for a BaseUri it has no column for was a tenth of a submit's CPU.
        /// </summary>
        public static PSPropertyInfo? Named(PSObject row, string name)
        {
            var own = OwnNoteProperties(row);
            if (own == null) return row.Properties[name];
            foreach (var property in own)
                if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase)) return property;
            return null;
        }

        /// <summary>The row's note properties in order, or null when the public enumeration must be used.</summary>
        private static List<PSPropertyInfo>? OwnNoteProperties(PSObject row)
        {
            if (InstanceMembers == null || InternalTypeNames == null || !(row.ImmediateBaseObject is PSCustomObject)) return null;
            IEnumerable? members;
            try
            {
                if (!HasDefaultTypeNames(InternalTypeNames.GetValue(row) as IList<string>)) return null;
                members = InstanceMembers.GetValue(row) as IEnumerable;
            }
            catch (Exception) { return null; }
            if (members == null) return null;
            var list = new List<PSPropertyInfo>();
            foreach (var member in members)
            {
                // Reserved members some earlier look left behind are hidden; anything else unusual takes the public way.
                if (member is PSNoteProperty note) list.Add(note);
                else if (!(member is PSMemberInfo info && IsReserved(info.Name))) return null;
            }
            return list;
        }

        /// <summary>A row whose type names were changed could have members from type data: those are read the public way.</summary>
        private static bool HasDefaultTypeNames(IList<string>? names) =>
            names != null && names.Count == 2 && names[0] == "System.Management.Automation.PSCustomObject" && names[1] == "System.Object";

        private static bool IsReserved(string name) =>
            name.Equals("psbase", StringComparison.OrdinalIgnoreCase) || name.Equals("psadapted", StringComparison.OrdinalIgnoreCase)
            || name.Equals("psextended", StringComparison.OrdinalIgnoreCase) || name.Equals("psobject", StringComparison.OrdinalIgnoreCase)
            || name.Equals("pstypenames", StringComparison.OrdinalIgnoreCase);
    }
}
