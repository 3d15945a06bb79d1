import {
  ArrayType,
  BinaryType,
  BooleanType,
  ByteType,
  CalendarIntervalType,
  CharType,
  DataType,
  DateType,
  DayTimeIntervalType,
  DecimalType,
  DoubleType,
  FloatType,
  IntegerType,
  LongType,
  MapType,
  NullType,
  ShortType,
  StringType,
  StructField,
  StructType,
  TimestampNTZType,
  TimestampType,
  VarcharType,
  YearMonthIntervalType,
} from "./types";

const SIMPLE: Record<string, () => DataType> = {
  string: () => new StringType(),
  bigint: () => new LongType(),
  long: () => new LongType(),
  int: () => new IntegerType(),
  integer: () => new IntegerType(),
  smallint: () => new ShortType(),
  short: () => new ShortType(),
  tinyint: () => new ByteType(),
  byte: () => new ByteType(),
  double: () => new DoubleType(),
  float: () => new FloatType(),
  real: () => new FloatType(),
  boolean: () => new BooleanType(),
  binary: () => new BinaryType(),
  date: () => new DateType(),
  timestamp: () => new TimestampType(),
  timestamp_ltz: () => new TimestampType(),
  timestamp_ntz: () => new TimestampNTZType(),
  void: () => new NullType(),
};

/**
 * Parses a Spark DDL schema, `"user_id string NOT NULL, ts timestamp, tags array<string>"`, or a
 * `struct<...>` type, into a StructType. Client-side, so building a DataFrame needs no round trip.
 */
export function parseDDLSchema(ddl: string): StructType {
  const parser = new DDLParser(ddl);
  const type = parser.schema();
  parser.end();
  return type;
}

/** Parses one DDL type, e.g. `"map<string,array<bigint>>"`. */
export function parseDDLType(ddl: string): DataType {
  const parser = new DDLParser(ddl);
  const type = parser.type();
  parser.end();
  return type;
}

class DDLParser {
  private pos = 0;
  constructor(private readonly text: string) {}

  schema(): StructType {
    this.space();
    if (/^struct\s*</i.test(this.text.slice(this.pos))) {
      const type = this.type();
      if (type instanceof StructType) return type;
    }
    const fields: StructField[] = [];
    do fields.push(this.field(/\s/)); while (this.eat(","));
    return new StructType(fields);
  }

  type(): DataType {
    this.space();
    const name = this.word().toLowerCase();
    switch (name) {
      case "array": {
        this.expect("<");
        const element = this.type();
        this.expect(">");
        return new ArrayType(element);
      }
      case "map": {
        this.expect("<");
        const key = this.type();
        this.expect(",");
        const value = this.type();
        this.expect(">");
        return new MapType(key, value);
      }
      case "struct": {
        this.expect("<");
        const fields: StructField[] = [];
        if (!this.eat(">")) {
          do fields.push(this.field(/[:\s]/)); while (this.eat(","));
          this.expect(">");
        }
        return new StructType(fields);
      }
      case "decimal":
      case "dec":
      case "numeric": {
        if (!this.eat("(")) return new DecimalType();
        const precision = this.integer();
        const scale = this.eat(",") ? this.integer() : 0;
        this.expect(")");
        return new DecimalType(precision, scale);
      }
      case "char":
      case "varchar": {
        this.expect("(");
        const length = this.integer();
        this.expect(")");
        return name === "char" ? new CharType(length) : new VarcharType(length);
      }
      case "interval":
        return this.interval();
      default: {
        const make = SIMPLE[name];
        if (!make) return this.fail(`unknown type '${name}'`);
        return make();
      }
    }
  }

  end(): void {
    this.space();
    if (this.pos < this.text.length) this.fail(`unexpected '${this.text.slice(this.pos, this.pos + 10)}'`);
  }

  private field(separator: RegExp): StructField {
    this.space();
    const name = this.identifier();
    this.space();
    if (separator.source.includes(":")) this.eat(":");
    const type = this.type();
    let nullable = true;
    let comment: string | undefined;
    for (;;) {
      this.space();
      const rest = this.text.slice(this.pos);
      const notNull = /^not\s+null\b/i.exec(rest);
      const commented = /^comment\s+'((?:[^'\\]|\\.)*)'/i.exec(rest);
      if (notNull) {
        nullable = false;
        this.pos += notNull[0].length;
      } else if (commented) {
        comment = commented[1];
        this.pos += commented[0].length;
      } else break;
    }
    return new StructField(name, type, nullable, comment === undefined ? undefined : JSON.stringify({ comment }));
  }

  private interval(): DataType {
    const units = ["year", "month", "day", "hour", "minute", "second"];
    const from = units.indexOf(this.word().toLowerCase());
    let to = from;
    this.space();
    if (/^to\b/i.test(this.text.slice(this.pos))) {
      this.pos += 2;
      to = units.indexOf(this.word().toLowerCase());
    }
    if (from < 0 || to < from) return this.word() === "" ? new CalendarIntervalType() : this.fail("bad interval type");
    if (from <= 1) return to <= 1 ? new YearMonthIntervalType(from, to) : this.fail("an interval cannot mix months and days");
    return new DayTimeIntervalType(from - 2, to - 2);
  }

  private identifier(): string {
    if (this.text[this.pos] === "`") {
      let out = "";
      this.pos++;
      while (this.pos < this.text.length) {
        const ch = this.text[this.pos++] as string;
        if (ch === "`") {
          if (this.text[this.pos] === "`") {
            out += "`";
            this.pos++;
          } else return out;
        } else out += ch;
      }
      return this.fail("unterminated `quoted` name");
    }
    const word = this.word();
    if (word === "") this.fail("expected a field name");
    return word;
  }

  private word(): string {
    this.space();
    const match = /^[A-Za-z_][A-Za-z0-9_]*/.exec(this.text.slice(this.pos));
    if (!match) return "";
    this.pos += match[0].length;
    return match[0];
  }

  private integer(): number {
    this.space();
    const match = /^\d+/.exec(this.text.slice(this.pos));
    if (!match) return this.fail("expected a number");
    this.pos += match[0].length;
    return Number(match[0]);
  }

  private eat(token: string): boolean {
    this.space();
    if (this.text.startsWith(token, this.pos)) {
      this.pos += token.length;
      return true;
    }
    return false;
  }

  private expect(token: string): void {
    if (!this.eat(token)) this.fail(`expected '${token}'`);
  }

  private space(): void {
    while (this.pos < this.text.length && /\s/.test(this.text[this.pos] as string)) this.pos++;
  }

  private fail(reason: string): never {
    throw new Error(`Cannot parse DDL '${this.text}' at ${this.pos}: ${reason}`);
  }
}
