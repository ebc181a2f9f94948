using System;
using System.Management.Automation;

namespace HappyHorse.Commands.Base
{
    /// <summary>
    /// What -WhatIf, -Confirm and their preference variables ask of a call, read without calling
    /// ShouldProcess: a batch builds a row's description and cost only when something will show them.
    /// </summary>
    internal static class ShouldProcessPreferences
    {
        /// <summary>-WhatIf as given (-WhatIf:$false too), else $WhatIfPreference.</summary>
        public static bool WhatIfOn(PSCmdlet cmdlet)
        {
            if (cmdlet.MyInvocation.BoundParameters.TryGetValue("WhatIf", out var given)) return IsOn(given);
            return LanguagePrimitives.IsTrue(cmdlet.GetVariableValue("WhatIfPreference"));
        }

        /// <summary>-Confirm given on the command line and on.</summary>
        public static bool ConfirmGiven(PSCmdlet cmdlet) =>
            cmdlet.MyInvocation.BoundParameters.TryGetValue("Confirm", out var given) && IsOn(given);

        /// <summary>-Confirm as given, else whether $ConfirmPreference is at or below the cmdlet's ConfirmImpact.</summary>
        public static bool ConfirmOn(PSCmdlet cmdlet)
        {
            if (cmdlet.MyInvocation.BoundParameters.TryGetValue("Confirm", out var given)) return IsOn(given);
            object? value = cmdlet.GetVariableValue("ConfirmPreference");
            if (value is PSObject pso) value = pso.BaseObject;
            // Unreadable: assume it may ask, and build the texts.
            if (!(value is ConfirmImpact preference) && !LanguagePrimitives.TryConvertTo(value, out preference)) return true;
            var impact = ((CmdletAttribute?)Attribute.GetCustomAttribute(cmdlet.GetType(), typeof(CmdletAttribute)))?.ConfirmImpact ?? ConfirmImpact.Medium;
            return preference != ConfirmImpact.None && impact >= preference;
        }

        private static bool IsOn(object given) => given is SwitchParameter s ? s.IsPresent : LanguagePrimitives.IsTrue(given);
    }
}
