#!/bin/bash
# meshprov from a shell script, in the mesh lab: runs as
#   mesh-lab run --devices 3 --oob none --oob static:KEY --timewarp 10 -- \
#     session-run test-meshprov.sh MESHPROV KEY
# (device 0 without OOB, devices 1 and 2 with the static key KEY).
#
# A network is created, the devices scanned and provisioned (no OOB, static
# OOB, a wrong static OOB that fails and is retried answering the prompt on
# stdin), an AppKey and a NetKey added, two models bound, a subscription and a
# publication set on each node and read back, Generic OnOff set and checked
# on the virtual devices, the network exported and imported into a fresh
# database, a node removed without a reset, and the errors checked: exit
# status and one sentence. (Not reset: a meshd 5.66 device drops its node
# before its Node Reset Status leaves, so every reset waits for the
# engine's timeout; mesh_session_remove_node_async() is tested in the
# session tests.)
#
# Each check compares real values: the lab's own view of the devices (its
# control interface) or what meshprov printed as JSON.
set -u

if [ $# -ne 2 ]; then
	echo "usage: $0 MESHPROV STATIC_KEY" >&2
	exit 2
fi
meshprov=$1
key=$2
# Debian's interpreter, not whatever python3 comes first on PATH.
python=/usr/bin/python3

tmp=$(mktemp -d "${TMPDIR:-/tmp}/test-meshprov.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
export MESH_PROVISIONER_DATA_DIR=$tmp/data
checks=0

fail() {
	echo "FAIL: $*" >&2
	if [ -s "$tmp/err" ]; then
		echo "--- stderr of the last meshprov:" >&2
		cat "$tmp/err" >&2
	fi
	exit 1
}

pass() {
	checks=$((checks + 1))
	echo "ok $checks - $*"
}

# run ARGS...: meshprov's stdout in $tmp/out, stderr in $tmp/err, $status.
run() {
	"$meshprov" "$@" >"$tmp/out" 2>"$tmp/err" </dev/null
	status=$?
}

# Nothing GLib prints when something is wrong inside.
check_clean_stderr() {
	if grep -qE 'CRITICAL|WARNING|GLib-|GLib:' "$tmp/err"; then
		fail "meshprov $* leaked GLib messages"
	fi
}

ok() {
	run "$@"
	[ "$status" -eq 0 ] || fail "meshprov $* exited $status"
	check_clean_stderr "$@"
}

# fails STATUS ARGS...: exits with STATUS, and says why in one sentence
# (status 1) or one sentence and the usage (status 2).
fails() {
	local want=$1
	shift
	run "$@"
	[ "$status" -eq "$want" ] || fail "meshprov $* exited $status, not $want"
	check_clean_stderr "$@"
	[ -s "$tmp/out" ] && fail "meshprov $* printed on stdout although it failed"
	head -n 1 "$tmp/err" | grep -qE '^meshprov: [^ ].*\.$' ||
		fail "meshprov $*: the first line of stderr is not a sentence: $(head -n 1 "$tmp/err")"
	if [ "$want" -eq 1 ]; then
		[ "$(wc -l <"$tmp/err")" -eq 1 ] || fail "meshprov $* said more than one line"
	else
		grep -q '^Usage: meshprov ' "$tmp/err" || fail "meshprov $* did not show the usage"
	fi
}

# json EXPRESSION [ARG...]: evaluates EXPRESSION on the JSON meshprov
# printed (as d); the ARGs are sys.argv[2:].
json() {
	"$python" -c "import json, sys; d = json.load(open(sys.argv[1])); print(($1))" "$tmp/out" "${@:2}" ||
		fail "cannot read the JSON of meshprov: $(head -c 300 "$tmp/out")"
}

lab() {
	gdbus call --system --dest io.github.meshprovisioner.MeshLab \
		--object-path /io/github/meshprovisioner/MeshLab \
		--method "io.github.meshprovisioner.MeshLab1.$1" "${@:2}"
}

# lab_value INDEX KEY: one value of a lab device's dictionary, as gdbus prints it.
lab_value() {
	lab GetDevice "$1" | grep -oE "'$2': <[^>]*>" | sed -E "s/^'$2': <(.*)>$/\1/"
}

# wait_rejoined INDEX ATTEMPTS: the device waits to be provisioned again,
# after more than ATTEMPTS attempts (meshd lets the old link go first).
wait_rejoined() {
	local index=$1 before=$2
	for _ in $(seq 300); do
		if [ "$(lab_value "$index" Joining)" = true ] &&
			[ "$(lab_value "$index" JoinAttempts | sed 's/^uint32 //')" -gt "$before" ]; then
			return 0
		fi
		sleep 0.1
	done
	fail "device $index did not wait to be provisioned again"
}

join_attempts() {
	lab_value "$1" JoinAttempts | sed 's/^uint32 //'
}

expect_eq() {
	[ "$1" = "$2" ] || fail "$3: got “$1”, expected “$2”"
	pass "$3"
}

wait_lab() {
	local index=$1 what=$2 want=$3
	for _ in $(seq 300); do
		[ "$(lab_value "$index" "$what")" = "$want" ] && return 0
		sleep 0.1
	done
	fail "device $index: $what is $(lab_value "$index" "$what"), not $want"
}

# --- The lab's devices
for i in 0 1 2; do
	uuid[$i]=$(lab_value "$i" UuidString | tr -d "'")
	[ ${#uuid[$i]} -eq 32 ] || fail "no UUID for lab device $i"
done
wrong_key=${key:0:31}$(printf '%x' $(( (0x${key:31:1} + 1) % 16 )))

# --- Usage errors need no daemon and no network
fails 2 node
fails 2 frobnicate
fails 2 onoff 0002 dim
fails 2 bind 0002 0 notamodel 0
fails 2 pub set 0002 0 1000 c002 0 --retransmit 9
fails 2 pub set 0002 0 1000 c002 0 --period 150
fails 2 sub add 0002 0 1000 0005
fails 2 provision 1234
fails 2 provision "${uuid[1]}" --static-oob 0011
fails 2 --timeout -1 nodes
fails 2 nodes --timeout=x
pass "bad command lines exit 2 with a sentence and the usage"
fails 1 nodes
grep -q 'no network' "$tmp/err" || fail "an empty database is not explained"
pass "an empty database is an error with a sentence"

# --- Network
ok network create Lab
grep -q '“Lab”' "$tmp/out" || fail "network create did not name the network"
ok networks --json
expect_eq "$(json 'len(d), d[0]["name"], d[0]["nodes"]')" "(1, 'Lab', 1)" "one network, with our node"
network_uuid=$(json 'd[0]["uuid"]')

# --- Scan: all three devices, with their OOB information
ok scan --json --seconds 60 --count 3
expect_eq "$(json '" ".join(sorted(x["uuid"].replace("-", "") for x in d))')" \
	"$(printf '%s\n' "${uuid[@]}" | sort | tr '\n' ' ' | sed 's/ $//')" "scan hears the three devices"
expect_eq "$(json '[[x["oob"] for x in d if x["uuid"].replace("-", "") == u] for u in sys.argv[2:]]' "${uuid[0]}" "${uuid[1]}")" \
	"[[[]], [['on-box']]]" "the static OOB device says its key is on the box, the other nothing"
expect_eq "$(json 'sorted(set(x["via"] for x in d))')" "[None]" "all three heard by our own radio"

# --- Provisioning
ok provision "${uuid[0]}" --json
addr[0]=$(json 'd["unicast"]')
expect_eq "$(json 'd["elements"], d["composition_error"]')" "(2, None)" "device 0 provisioned without OOB, composition read"
expect_eq "$(lab_value 0 Unicast)" "uint16 ${addr[0]}" "device 0 has the address meshprov gave"

ok provision "${uuid[1]}" --static-oob "$key" --json
addr[1]=$(json 'd["unicast"]')
expect_eq "$(lab_value 1 Unicast)" "uint16 ${addr[1]}" "device 1 provisioned with its static OOB key"

# Through a node's Remote Provisioning Server: meshd 5.66 cannot, and
# says so in one sentence; newer daemons scan through it.
run scan --server "$(printf '%04x' "${addr[0]}")" --seconds 2 --json
if [ "$status" -eq 0 ]; then
	check_clean_stderr scan --server
	pass "a scan through node ${addr[0]} works with this bluetooth-meshd"
else
	fails 1 scan --server "$(printf '%04x' "${addr[0]}")" --seconds 2
	grep -q '5\.67' "$tmp/err" || fail "the remote scan refusal does not say what is needed: $(cat "$tmp/err")"
	pass "a scan through a node is refused by bluetooth-meshd 5.66 with one sentence"
fi

# Asked for its key, without a way to give it: refused, with what to do.
attempts=$(join_attempts 2)
fails 1 provision "${uuid[2]}"
grep -q -- '--static-oob' "$tmp/err" || fail "the refusal does not say what to do: $(cat "$tmp/err")"
pass "a device that asks for its key is refused without --static-oob or --interactive"
wait_rejoined 2 "$attempts"

# Ctrl+C at the prompt cancels: exit 130, the device stays unprovisioned.
attempts=$(join_attempts 2)
mkfifo "$tmp/stdin"
"$meshprov" provision "${uuid[2]}" --interactive <"$tmp/stdin" >"$tmp/out" 2>"$tmp/err" &
pid=$!
exec 3>"$tmp/stdin"
for _ in $(seq 300); do
	grep -q 'static OOB key' "$tmp/err" && break
	sleep 0.1
done
grep -q 'static OOB key' "$tmp/err" || fail "the interactive prompt did not come"
kill -INT "$pid"
wait "$pid"
status=$?
exec 3>&-
[ "$status" -eq 130 ] || fail "provision interrupted at the prompt exited $status, not 130"
expect_eq "$(tail -n 1 "$tmp/err")" "meshprov: Interrupted." "Ctrl+C at the prompt says so"
check_clean_stderr provision --interactive
expect_eq "$(lab_value 2 Provisioned)" "false" "device 2 is unprovisioned after Ctrl+C"
wait_rejoined 2 "$attempts"

attempts=$(join_attempts 2)
fails 1 provision "${uuid[2]}" --static-oob "$wrong_key"
grep -q 'static OOB key' "$tmp/err" || fail "a wrong static OOB key is not explained: $(cat "$tmp/err")"
pass "a wrong static OOB key fails with one sentence"
expect_eq "$(lab_value 2 Provisioned)" "false" "device 2 is still unprovisioned"
ok nodes --json
expect_eq "$(json 'len(d)')" "3" "the failed device is not a node"
wait_rejoined 2 "$attempts"

# Retried answering the prompt on stdin, as a user at the terminal would.
"$meshprov" provision "${uuid[2]}" --interactive --json >"$tmp/out" 2>"$tmp/err" <<<"$key"
status=$?
[ "$status" -eq 0 ] || fail "the interactive retry exited $status"
grep -q 'static OOB key' "$tmp/err" || fail "the prompt was not shown: $(cat "$tmp/err")"
addr[2]=$(json 'd["unicast"]')
expect_eq "$(lab_value 2 Unicast)" "uint16 ${addr[2]}" "device 2 provisioned after the prompt was answered"

fails 1 provision "${uuid[0]}"
grep -q 'already' "$tmp/err" || fail "provisioning a node again is not explained"
pass "a node cannot be provisioned twice"

# --- Nodes
ok nodes --json
expect_eq "$(json 'len(d), sum(1 for x in d if x["local"])')" "(4, 1)" "three nodes and ours"
expect_eq "$(json '" ".join(str(x["unicast"]) for x in d if not x["local"])')" \
	"${addr[0]} ${addr[1]} ${addr[2]}" "the nodes have the devices' addresses"
ok nodes
grep -q "$(printf '0x%04X' "${addr[0]}")" "$tmp/out" || fail "the node table lacks node 0"

a0=$(printf '%04x' "${addr[0]}")
ok node "$a0"
grep -q 'Generic OnOff Server (0x1000)' "$tmp/out" || fail "node shows no Generic OnOff Server"
grep -q 'Generic Level Server (0x1002)' "$tmp/out" || fail "node shows no Generic Level Server"
pass "node shows the models by name"
ok node "0x$a0" --json
# (meshd 5.67 and newer add their Remote Provisioning Server, 0004, and a
# Private Beacon Server they number 0008.)
expect_eq "$(json '[[m["id"] for m in e["models"] if m["id"] not in ("0004", "0008")] for e in d["elements"]]')" \
	"[['0000', '1000', '1002', '05f1:0001'], ['1000']]" "node --json has the element/model tree"

# --- AppKey, bindings, subscription, publication
args=()
for a in "${addr[@]}"; do args+=(--node "$(printf '%04x' "$a")"); done
ok appkey add 0 "${args[@]}" --json
expect_eq "$(json 'd["created"], sorted(d["added_to"])')" \
	"(True, [${addr[0]}, ${addr[1]}, ${addr[2]}])" "AppKey 0 created and added to the three nodes"
ok appkeys --json
expect_eq "$(json 'sorted(d[0]["nodes"])')" "[1, ${addr[0]}, ${addr[1]}, ${addr[2]}]" "appkeys lists who has AppKey 0"
fails 1 appkey add 0
# Any free index, not only the next one; deleted again once no node has it.
ok appkey add 7 --name Spare --json
expect_eq "$(json 'd["created"], d["index"], d["bound_net_key"], d["name"], d["nodes"]')" \
	"(True, 7, 0, 'Spare', [1])" "AppKey 7 created at the index asked for, on our node"
ok appkeys --json
expect_eq "$(json '[x["index"] for x in d]')" "[0, 7]" "appkeys lists AppKeys 0 and 7"
ok appkey del 7 --json
expect_eq "$(json 'd["in_network"], d["nodes"]')" "(False, [])" "AppKey 7 deleted from the network"
fails 2 appkey add 4096

# --- NetKeys: a second subnet, on our node and node 0
ok netkeys --json
expect_eq "$(json '[(x["index"], sorted(x["nodes"])) for x in d]')" \
	"[(0, [1, ${addr[0]}, ${addr[1]}, ${addr[2]}])]" "netkeys lists NetKey 0 on every node"
ok netkey add 1 --node "$a0" --name Second --json
expect_eq "$(json 'd["created"], d["index"], d["name"], sorted(d["nodes"]), d["added_to"]')" \
	"(True, 1, 'Second', [1, ${addr[0]}], [${addr[0]}])" "NetKey 1 created, on our node and node 0"
fails 1 netkey add 1
fails 2 netkey add 4096
# Deleting: not while a node has it, not while an AppKey is bound to it,
# never the last one.
fails 1 netkey del 1
ok netkey del 1 --node "$a0" --json
expect_eq "$(json 'd["in_network"], d["nodes"]')" "(True, [1])" "NetKey 1 deleted from node 0"
ok appkey add 9 --net-key 1 --json
fails 1 netkey del 1
ok appkey del 9
ok netkey del 1 --json
expect_eq "$(json 'd["in_network"], d["nodes"]')" "(False, [])" "NetKey 1 deleted from the network"
ok netkeys --json
expect_eq "$(json '[x["index"] for x in d]')" "[0]" "netkeys lists NetKey 0 only"
fails 1 netkey del 0
# A subnet again, to join below and to carry through export and import.
ok netkey add 1 --node "$a0"
# Only the network's subnets can be joined.
fails 1 provision 00112233445566778899aabbccddeeff --no-scan --subnet 9
fails 2 provision 00112233445566778899aabbccddeeff --no-scan --subnet 4096

for i in 0 1 2; do
	a=$(printf '%04x' "${addr[$i]}")
	ok bind "$a" 0 1000 0
	ok bind "$a" 0 "Generic Level Server" 0 --json
	expect_eq "$(json 'd["model"]["id"], d["model"]["bindings"]')" "('1002', [0])" "node $i: Level Server bound"
	ok sub add "$a" 0 1000 c001
	ok pub set "$a" 0 1000 c002 0 --ttl 5 --retransmit 1,100
	ok node "$a" --json
	expect_eq "$(json '[(m["id"], m["bindings"], [s["address"] for s in m["subscriptions"]]) for m in d["elements"][0]["models"] if m["id"] in ("1000", "1002")]')" \
		"[('1000', [0], [49153]), ('1002', [0], [])]" "node $i: bindings and subscription stored"
	expect_eq "$(json 'sorted([m for m in d["elements"][0]["models"] if m["id"] == "1000"][0]["publication"].items())')" \
		"[('address', 49154), ('app_key', 0), ('credentials', 0), ('label', None), ('period_ms', 0), ('retransmit_count', 1), ('retransmit_interval_ms', 100), ('ttl', 5)]" \
		"node $i: publication stored"
	expect_eq "$(lab_value "$i" OnOffPublication)" "[true, false]" "device $i: meshd holds the publication"
done

# A subscription removed again, read back.
ok sub del "$(printf '%04x' "${addr[2]}")" 0 1000 c001 --json
expect_eq "$(json 'd["model"]["subscriptions"]')" "[]" "sub del removes the subscription"

# --- Generic OnOff on the virtual devices
expect_eq "$(lab_value 0 OnOff)" "[false, false]" "device 0 starts off"
ok onoff "$a0" on
expect_eq "$(cat "$tmp/out")" "0x$(printf '%04X' "${addr[0]}"): on" "onoff answers with the new state"
expect_eq "$(lab_value 0 OnOff)" "[true, false]" "onoff on switches device 0 on"
ok onoff "$a0" --json
expect_eq "$(json 'd["on"], d["address"]')" "(True, ${addr[0]})" "onoff reads the state back"
fails 1 onoff "$a0" on --element 1
grep -q 'bound to no' "$tmp/err" || fail "an unbound element is not explained"
ok bind "$a0" 1 1000 0
ok onoff "$a0" on --element 1
expect_eq "$(lab_value 0 OnOff)" "[true, true]" "element 1 switched on"
ok onoff "$a0" off
expect_eq "$(lab_value 0 OnOff)" "[false, true]" "onoff off switches element 0 off"
expect_eq "$(lab_value 1 OnOff)" "[false, false]" "the other devices did not move"

# --- Errors on real nodes
fails 1 node 0042
grep -q '0x0042' "$tmp/err" || fail "the unknown address is not named"
fails 1 bind 0042 0 1000 0
fails 1 bind "$a0" 0 1003 0
fails 1 bind "$a0" 5 1000 0
fails 1 pub set "$a0" 0 1000 c002 7
fails 2 node "$(printf '%04x' $(( addr[0] + 1 )))"
pass "unknown nodes, models, elements and keys exit 1 with one sentence"

# --- Composition read again keeps the configuration
ok composition "$a0" --json
expect_eq "$(json '[m for m in d["elements"][0]["models"] if m["id"] == "1000"][0]["bindings"], d["elements"][1]["models"][0]["bindings"]')" \
	"([0], [0])" "a new composition read keeps the bindings"

# --- Export, and import into a fresh database
ok export "$tmp/lab.json"
"$python" - "$tmp/lab.json" "$network_uuid" <<'EOF' || fail "the export is not the network"
import json, sys
doc = json.load(open(sys.argv[1]))
assert doc["meshUUID"].replace("-", "").lower() == sys.argv[2].replace("-", ""), doc["meshUUID"]
assert len(doc["nodes"]) == 4, len(doc["nodes"])
assert len(doc["appKeys"]) == 1
assert all("deviceKey" in n for n in doc["nodes"])
EOF
pass "export writes the network with its four nodes"

fresh=(--database "$tmp/fresh/networks.db")
ok "${fresh[@]}" import "$tmp/lab.json" --json
expect_eq "$(json 'd["merged"], d["nodes_added"], d["daemon"]')" "(False, 4, 'present')" "import makes the network in a fresh database"
ok "${fresh[@]}" nodes --json
expect_eq "$(json '" ".join(str(x["unicast"]) for x in d if not x["local"]), sum(1 for x in d if x["local"])')" \
	"('${addr[0]} ${addr[1]} ${addr[2]}', 1)" "the imported database has the nodes, ours included"
ok "${fresh[@]}" node "$a0" --json
expect_eq "$(json '[m for m in d["elements"][0]["models"] if m["id"] == "1000"][0]["publication"]["address"], [m for m in d["elements"][0]["models"] if m["id"] == "1000"][0]["subscriptions"][0]["address"]')" \
	"(49154, 49153)" "the imported node has its publication and subscription"
# The imported database drives the same meshd node (its token is in the keyring).
ok "${fresh[@]}" onoff "$a0" on --json
expect_eq "$(json 'd["on"]')" "True" "the node answers the imported network's Set with on"
expect_eq "$(lab_value 0 OnOff)" "[true, true]" "the imported network switches device 0"
ok export "$tmp/partial.json" --partial --node "$a0" --no-device-keys
"$python" - "$tmp/partial.json" <<'EOF' || fail "the partial export is wrong"
import json, sys
doc = json.load(open(sys.argv[1]))
assert doc["partial"] is True
assert len(doc["nodes"]) == 1
assert "deviceKey" not in doc["nodes"][0]
EOF
pass "a partial export has the chosen node without its device key"

# --- Undoing: publication off, a binding removed, a name given
a2=$(printf '%04x' "${addr[2]}")
ok pub clear "$a2" 0 1000 --json
expect_eq "$(json 'd["model"]["publication"]')" "None" "pub clear turns the publication off"
expect_eq "$(lab_value 2 OnOffPublication)" "[false, false]" "device 2: meshd dropped the publication"
ok unbind "$a2" 0 1002 0 --json
expect_eq "$(json 'd["model"]["bindings"]')" "[]" "unbind removes the binding"
ok rename "$a2" "Kitchen"
ok nodes --json
expect_eq "$(json '[x["name"] for x in d if x["unicast"] == int(sys.argv[2])]' "${addr[2]}")" "['Kitchen']" \
	"rename names the node"

# --- Removing a node without a word to it (a dead device)
ok remove "$a2" --json
expect_eq "$(json 'd["unicast"], d["reset"], d["removed"]')" "(${addr[2]}, False, True)" "remove says what it did"
ok nodes --json
expect_eq "$(json 'sum(1 for x in d if x["unicast"] == int(sys.argv[2]))' "${addr[2]}")" "0" \
	"remove takes the node out of the database"
expect_eq "$(lab_value 2 Provisioned)" "true" "remove sends nothing to the device"
fails 1 remove "$a2"
grep -q "$a2" "$tmp/err" || fail "the removed address is not named"
pass "a removed node is unknown afterwards"

echo "1..$checks"
