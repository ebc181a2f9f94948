using System;
using System.Management.Automation;
using System.Security;

namespace HappyHorse.Binding
{
    /// <summary>Accepts a SecureString (e.g. from Get-Secret) or plain text for -Token.</summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class SecureStringInputAttribute : ArgumentTransformationAttribute
    {
        public override object? Transform(EngineIntrinsics engineIntrinsics, object inputData)
        {
            object? value = inputData is PSObject pso ? pso.BaseObject : inputData;
            if (value is SecureString || value == null) return value;
            if (value is PSCredential credential) return credential.Password;
            if (value is string text)
            {
                var secure = new SecureString();
                foreach (char c in text.Trim()) secure.AppendChar(c);
                secure.MakeReadOnly();
                return secure;
            }
            throw new ArgumentTransformationMetadataException("Token must be a SecureString or a string.");
        }
    }
}
