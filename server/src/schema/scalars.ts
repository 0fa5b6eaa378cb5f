// Money and other exact numbers travel as strings: a JSON number would lose
// precision, and a Float must never carry an amount.
import { GraphQLScalarType, Kind } from "graphql";

const DECIMAL = /^-?\d{1,18}(\.\d{1,10})?$/;

function parseDecimal(value: unknown): string {
  const text = typeof value === "number" && Number.isFinite(value) ? String(value) : value;
  if (typeof text !== "string" || !DECIMAL.test(text)) {
    throw new TypeError(`Decimal must be a decimal number written as a string, e.g. "1490.00"`);
  }
  return text;
}

export const DecimalScalar = new GraphQLScalarType({
  name: "Decimal",
  description: 'An exact decimal number as a string, e.g. "1490.00". Used for money.',
  serialize: (value) => String(value),
  parseValue: parseDecimal,
  parseLiteral: (ast) => {
    if (ast.kind === Kind.STRING || ast.kind === Kind.INT || ast.kind === Kind.FLOAT) {
      return parseDecimal(ast.value);
    }
    throw new TypeError("Decimal must be a string");
  },
});
