// Policies #27-#28 (Database, instruct): SQL typed inline into psql, mysql, sqlite3, pgcli or clickhouse-client
// that drops, truncates, deletes without WHERE, or alters a table's columns. Depends on builtin_policy.h only.
#include <string>
#include <utility>

#include "policy/builtin_policy.h"

namespace agentreel::policy {
namespace {

constexpr std::string_view kSqlTool = "\\b(?:psql|mysql|sqlite3|pgcli|clickhouse-client)\\b";

class WarnDestructiveSql final : public BuiltinPolicy {
 public:
  JsRegex sql_tool, destructive, delete_from, where;

  PolicyVerdict evaluate(const PolicyInput& input) const override {
    if (!input.is_tool("Bash")) return PolicyVerdict::allow();
    const std::string_view command = input.command.text;
    if (!sql_tool.test(command, input.command.bytes)) return PolicyVerdict::allow();
    if (destructive.test(command, input.command.bytes) ||
        (delete_from.test(command, input.command.bytes) && !where.test(command, input.command.bytes))) {
      return PolicyVerdict::instruct(
          "STOP: This command contains destructive SQL (DROP/TRUNCATE/DELETE). Confirm with the user before "
          "executing.");
    }
    return PolicyVerdict::allow();
  }
};

class WarnSchemaAlteration final : public BuiltinPolicy {
 public:
  JsRegex sql_tool, alter;

  PolicyVerdict evaluate(const PolicyInput& input) const override {
    if (!input.is_tool("Bash")) return PolicyVerdict::allow();
    const std::string_view command = input.command.text;
    if (!sql_tool.test(command, input.command.bytes) || !alter.test(command, input.command.bytes))
      return PolicyVerdict::allow();
    return PolicyVerdict::instruct(
        "STOP: This command contains a schema-altering SQL statement (ALTER TABLE with column or rename operation). "
        "Schema changes on production databases are irreversible or disruptive. Confirm with the user before "
        "executing.");
  }
};

}  // namespace

Result<std::unique_ptr<BuiltinPolicy>> make_database_policy(PolicyId id, const PolicyParams&) {
  RegexBuilder regex;
  std::unique_ptr<BuiltinPolicy> policy;
  if (id == PolicyId::warn_destructive_sql) {
    auto p = std::make_unique<WarnDestructiveSql>();
    p->sql_tool = regex(kSqlTool);
    p->destructive = regex("\\b(?:DROP\\s+(?:TABLE|DATABASE|SCHEMA)|TRUNCATE\\b)", true);
    p->delete_from = regex("\\bDELETE\\s+FROM\\b", true);
    p->where = regex("\\bWHERE\\b", true);
    policy = std::move(p);
  } else if (id == PolicyId::warn_schema_alteration) {
    auto p = std::make_unique<WarnSchemaAlteration>();
    p->sql_tool = regex(kSqlTool);
    p->alter = regex(
        "\\bALTER\\s+TABLE\\b[\\s\\S]*\\b(?:DROP\\s+COLUMN|ADD\\s+COLUMN|RENAME\\s+(?:COLUMN|TO)|MODIFY\\s+COLUMN)\\b",
        true);
    policy = std::move(p);
  } else {
    return Status(ErrorCode::invalid_argument, "not a database policy");
  }
  if (!regex.status().is_ok()) return regex.status();
  return policy;
}

}  // namespace agentreel::policy
