using System.Collections.Generic;
using System.Management.Automation;
using HappyHorse.Api;
using HappyHorse.Records;

namespace HappyHorse.Commands.Base
{
    /// <summary>
    /// A batch's cost: each row's estimate from the catalog price (read once per model), the running
    /// total, and -MaxTotalCost, which stops the batch before the row that would pass it.
    /// </summary>
    internal sealed class SubmitBudget
    {
        private readonly JobSubmitCmdlet _cmdlet;
        private readonly Dictionary<string, ModelPrice?> _prices = new Dictionary<string, ModelPrice?>(System.StringComparer.OrdinalIgnoreCase);

        public SubmitBudget(JobSubmitCmdlet cmdlet) => _cmdlet = cmdlet;

        /// <summary>The estimates of the rows submitted (or shown by -WhatIf) so far.</summary>
        public decimal EstimatedTotal { get; private set; }

        public void Count(decimal? estimate) => EstimatedTotal += estimate ?? 0;

        /// <summary>Price × duration from the catalog; null when it cannot be known.</summary>
        public decimal? Estimate(string model, int seconds)
        {
            if (!_prices.TryGetValue(model, out var price))
            {
                if (!_cmdlet.MaxTotalCost.HasValue && _cmdlet.FindCredential() == null)
                {
                    _cmdlet.WriteVerbose($"No token to read the price of {model}: no cost estimate.");
                    _prices[model] = null;
                    return null;
                }
                price = _cmdlet.ReadCatalog(model)?.Price;
                _cmdlet.WriteVerbose(price == null ? $"No price known for {model}." : $"Price of {model}: {ModelPrice.Format(price.BasePriceUsd)} per {price.Unit ?? "(unknown unit)"}.");
                _prices[model] = price;
            }
            return price?.Estimate(seconds);
        }

        /// <summary>Stops the batch before the row whose estimate would pass -MaxTotalCost; earlier rows' submits finish first.</summary>
        public void Guard(int row, object target, string model, decimal? estimate, decimal budget)
        {
            if (estimate == null)
                _cmdlet.ThrowTerminatingError(ErrorRecords.Create("CostUnknown", ErrorCategory.InvalidOperation, model,
                    $"Row {row} was not submitted: the price of {model} is unknown, so -MaxTotalCost {ModelPrice.Format(budget)} cannot be enforced. Rows before it ({(row - 1)}) were handled; no later row was sent.",
                    "Run without -MaxTotalCost, or check that the catalog entry of the model is reachable."));
            if (EstimatedTotal + estimate!.Value <= budget) return;
            _cmdlet.WaitForWork();
            _cmdlet.Flush();
            _cmdlet.ThrowTerminatingError(ErrorRecords.Create("BudgetExceeded", ErrorCategory.LimitsExceeded, target,
                $"Stopped at row {row}: its estimated {ModelPrice.Format(estimate.Value)} would bring this run to {ModelPrice.Format(EstimatedTotal + estimate.Value)}, past -MaxTotalCost {ModelPrice.Format(budget)}. " +
                $"Rows before it were submitted (estimated {ModelPrice.Format(EstimatedTotal)}); row {row} and every later row were not submitted.",
                "Raise -MaxTotalCost, or submit the remaining rows in another run (with the same -JournalPath, rows already submitted are not paid for again)."));
        }
    }
}
