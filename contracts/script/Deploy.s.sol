// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ComplianceRegistry} from "../src/compliance/ComplianceRegistry.sol";
import {FeeCollector} from "../src/fees/FeeCollector.sol";
import {IPlazaUSD} from "../src/interfaces/IPlazaUSD.sol";
import {MockUSDC} from "../src/mocks/MockUSDC.sol";
import {PegStabilityModule} from "../src/psm/PegStabilityModule.sol";
import {PlazaUSD} from "../src/stablecoin/PlazaUSD.sol";
import {
    AccessControlDefaultAdminRules
} from "@openzeppelin/contracts/access/extensions/AccessControlDefaultAdminRules.sol";
import {ERC1967Proxy} from "@openzeppelin/contracts/proxy/ERC1967/ERC1967Proxy.sol";
import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {Script, console} from "forge-std/Script.sol";
import {stdJson} from "forge-std/StdJson.sol";
import {VmSafe} from "forge-std/Vm.sol";

/// @title Deploy
/// @notice Deploys the whole Plaza protocol to one chain from a JSON configuration and writes the `@plaza/abi`
/// address book (`{chainId, network, contracts: {Name: {address, block}}}`).
///
/// Usage (from `contracts/`; the npm script `deploy` of the contracts package wraps it and records exact blocks):
///
///     PLAZA_NETWORK=anvil forge script script/Deploy.s.sol --rpc-url $RPC --private-key $KEY --broadcast
///
/// Environment: `PLAZA_NETWORK` picks `deployments/config/<network>.json` (default `anvil`), or
/// `PLAZA_DEPLOY_CONFIG` gives the config path; `PLAZA_DEPLOY_OUTPUT` is where the address book goes (default
/// `../packages/abi/deployments/<chainId>.json`; it must be inside a `fs_permissions` read-write path of
/// foundry.toml). Or call `runWith(configPath, outputPath)` with `--sig`.
///
/// Safety: a chain where the output file's contracts already have code is refused before any transaction.
/// Everything is simulated before anything is broadcast, so an invalid configuration or a failing step deploys
/// nothing. The address book is only written when broadcasting (a dry run prints it instead).
///
/// Roles: the broadcasting account (the deployer) bootstraps every contract as its admin, wires the modules,
/// then hands each role to the configured holder; admin transfers are two-step (the new admin accepts, after
/// `roles.adminDelay` for the AccessControl contracts).
///
/// Adding a module: add its config section, a `_deploy<Module>()` step in `deploy()` after the modules it
/// depends on, record its contracts with `_record`, push AccessControl contracts to `_adminRules`, and check its
/// wiring in `test/script/Deploy.t.sol`.
contract Deploy is Script {
    using stdJson for string;

    // -------------------------------------------------------------------------------------------------------------
    // What the modules deployed so far expose to the ones after them (later phases add their contracts here).
    // -------------------------------------------------------------------------------------------------------------

    ComplianceRegistry public registry;
    PlazaUSD public pusdImplementation;
    PlazaUSD public pusd;
    IERC20Metadata public usdc;
    FeeCollector public feeCollector;
    PegStabilityModule public psm;

    /// @notice The broadcasting account.
    address public deployer;

    string internal _config;
    string internal _network;
    uint256 internal _startBlock;

    /// @dev The address book, in deployment order.
    string[] internal _names;
    mapping(string name => address) internal _deployed;

    /// @dev Contracts whose default admin (OpenZeppelin `AccessControlDefaultAdminRules`) is handed over at the end.
    address[] internal _adminRules;

    // -------------------------------------------------------------------------------------------------------------
    // Entry points
    // -------------------------------------------------------------------------------------------------------------

    /// @notice Reads the config and output paths from the environment (see the contract's documentation).
    function run() external {
        string memory root = vm.projectRoot();
        string memory network = vm.envOr("PLAZA_NETWORK", string("anvil"));
        string memory configPath =
            vm.envOr("PLAZA_DEPLOY_CONFIG", string.concat(root, "/deployments/config/", network, ".json"));
        string memory outputPath = vm.envOr(
            "PLAZA_DEPLOY_OUTPUT",
            string.concat(root, "/../packages/abi/deployments/", vm.toString(block.chainid), ".json")
        );
        runWith(configPath, outputPath);
    }

    /// @notice Deploys with the config at `configPath` and writes the address book to `outputPath`.
    function runWith(string memory configPath, string memory outputPath) public {
        _refuseRedeployment(outputPath);
        if (!vm.exists(configPath)) revert(string.concat("Deploy: no config file at ", configPath));
        deploy(vm.readFile(configPath));
        _writeAddressBook(outputPath);
    }

    /// @notice Deploys every module from the JSON config `config`, broadcasting from the default sender.
    function deploy(string memory config) public {
        _config = config;
        _network = _string(".network");
        _startBlock = block.number;

        // The broadcasting account: `--private-key`/`--sender` in a script, forge's default sender in a test.
        vm.startBroadcast();
        (, deployer,) = vm.readCallers();
        vm.stopBroadcast();
        _checkConfig();

        vm.startBroadcast(deployer);

        // Modules, in dependency order. Later phases add theirs here:
        // _deployOracle(); _deployRwaAssets(); _deployLending(); _deploySavings(); _deployPayFi(); _deployIncentives();
        _deployCompliance();
        _deployStablecoin();
        _deployReserveToken();
        _deployFees();
        _deployPsm();

        // Wiring that needs every module to exist, then the role handover.
        _applyExemptions();
        _applyFeeSplit();
        _handOverRoles();
        vm.stopBroadcast();
    }

    /// @notice The address book entries: contract names in deployment order and their addresses.
    function deployedContracts() external view returns (string[] memory names, address[] memory addresses) {
        names = _names;
        addresses = new address[](names.length);
        for (uint256 i; i < names.length; ++i) {
            addresses[i] = _deployed[names[i]];
        }
    }

    // -------------------------------------------------------------------------------------------------------------
    // Modules
    // -------------------------------------------------------------------------------------------------------------

    /// @dev ComplianceRegistry: attesters, sanctioned jurisdictions and named policies (id = keccak256(name)).
    function _deployCompliance() internal {
        registry = new ComplianceRegistry(_adminDelay(), deployer);
        _record("ComplianceRegistry", address(registry));
        _adminRules.push(address(registry));

        address[] memory attesters = _addresses(".compliance.attesters");
        for (uint256 i; i < attesters.length; ++i) {
            registry.grantRole(registry.ATTESTER_ROLE(), attesters[i]);
        }
        string[] memory sanctioned = _strings(".compliance.sanctionedJurisdictions");
        for (uint256 i; i < sanctioned.length; ++i) {
            registry.setJurisdictionSanctioned(_jurisdiction(sanctioned[i]), true);
        }
        for (uint256 i; _has(_at(".compliance.policies", i)); ++i) {
            string memory key = _at(".compliance.policies", i);
            string memory name = _string(string.concat(key, ".name"));
            string[] memory blockedCodes = _strings(string.concat(key, ".blockedJurisdictions"));
            bytes2[] memory blocked = new bytes2[](blockedCodes.length);
            for (uint256 j; j < blocked.length; ++j) {
                blocked[j] = _jurisdiction(blockedCodes[j]);
            }
            registry.setPolicy(
                keccak256(bytes(name)),
                _uint8(string.concat(key, ".minKycLevel")),
                _uint16(string.concat(key, ".minCreditScore")),
                blocked
            );
        }
    }

    /// @dev pUSD: implementation, ERC-1967 proxy initialized with the deployer as master minter (so it can add the
    /// PSM; handed over at the end), the registry as blocklister, and the registry mirroring into pUSD.
    function _deployStablecoin() internal {
        pusdImplementation = new PlazaUSD();
        bytes memory init = abi.encodeCall(
            PlazaUSD.initialize,
            (deployer, deployer, _address(".roles.pauser"), address(registry), _address(".roles.rescuer"))
        );
        pusd = PlazaUSD(address(new ERC1967Proxy(address(pusdImplementation), init)));
        _record("PlazaUSDImplementation", address(pusdImplementation));
        _record("PlazaUSD", address(pusd));
        registry.setBlocklistMirror(address(pusd));
    }

    /// @dev The PSM's reserve stablecoin: the configured USDC, or a MockUSDC faucet token on dev chains.
    function _deployReserveToken() internal {
        string memory configured = _string(".stablecoin.usdc");
        if (_eq(configured, "mock")) {
            MockUSDC mock = new MockUSDC();
            _record("MockUSDC", address(mock));
            usdc = IERC20Metadata(address(mock));
        } else {
            usdc = IERC20Metadata(vm.parseAddress(configured));
        }
    }

    /// @dev FeeCollector, bootstrapped with the deployer as its only recipient; `_applyFeeSplit` sets the configured
    /// split once every recipient contract exists.
    function _deployFees() internal {
        FeeCollector.Recipient[] memory bootstrap = new FeeCollector.Recipient[](1);
        bootstrap[0] = FeeCollector.Recipient({account: deployer, bps: 10_000, notify: false});
        feeCollector = new FeeCollector(_adminDelay(), deployer, bootstrap);
        _record("FeeCollector", address(feeCollector));
        _adminRules.push(address(feeCollector));
    }

    /// @dev PegStabilityModule: fees, debt ceiling, the pauser, and pUSD's unlimited minter allowance.
    function _deployPsm() internal {
        psm = new PegStabilityModule(
            IPlazaUSD(address(pusd)),
            usdc,
            address(feeCollector),
            _uint(".psm.debtCeilingPusd") * 1e18,
            _adminDelay(),
            deployer
        );
        _record("PegStabilityModule", address(psm));
        _adminRules.push(address(psm));
        psm.setFees(_uint16(".psm.tinBps"), _uint16(".psm.toutBps"));
        psm.grantRole(psm.PAUSER_ROLE(), _address(".roles.pauser"));
        pusd.configureMinter(address(psm), type(uint256).max);
    }

    // -------------------------------------------------------------------------------------------------------------
    // Final wiring and handover
    // -------------------------------------------------------------------------------------------------------------

    /// @dev Protocol contracts exempted from compliance policies (they hold permissioned assets for users).
    function _applyExemptions() internal {
        address[] memory exempt = _addresses(".compliance.exempt");
        for (uint256 i; i < exempt.length; ++i) {
            registry.setExempt(exempt[i], true);
        }
    }

    /// @dev The configured fee split (accounts may name deployed contracts, e.g. `@SavingsVault`).
    function _applyFeeSplit() internal {
        uint256 count;
        while (_has(_at(".fees.recipients", count))) ++count;
        FeeCollector.Recipient[] memory recipients = new FeeCollector.Recipient[](count);
        for (uint256 i; i < count; ++i) {
            string memory key = _at(".fees.recipients", i);
            recipients[i] = FeeCollector.Recipient({
                account: _address(string.concat(key, ".account")),
                bps: _uint16(string.concat(key, ".bps")),
                notify: _has(string.concat(key, ".notify")) && _config.readBool(string.concat(key, ".notify"))
            });
        }
        feeCollector.setRecipients(recipients);
    }

    /// @dev Hands every role the deployer held for bootstrapping to its configured holder.
    function _handOverRoles() internal {
        address masterMinter = _address(".roles.masterMinter");
        if (masterMinter != deployer) pusd.setMasterMinter(masterMinter);

        address admin = _address(".roles.admin");
        if (admin == deployer) return;
        pusd.transferOwnership(admin);
        console.log("Deploy: %s must call acceptOwnership() on PlazaUSD", admin);
        for (uint256 i; i < _adminRules.length; ++i) {
            AccessControlDefaultAdminRules(_adminRules[i]).beginDefaultAdminTransfer(admin);
            console.log("Deploy: %s must call acceptDefaultAdminTransfer() on %s", admin, _adminRules[i]);
        }
    }

    // -------------------------------------------------------------------------------------------------------------
    // Safety checks
    // -------------------------------------------------------------------------------------------------------------

    /// @dev Refuses to deploy again where the address book at `outputPath` already describes live contracts.
    function _refuseRedeployment(string memory outputPath) internal view {
        if (!vm.exists(outputPath)) return;
        string memory book = vm.readFile(outputPath);
        if (bytes(book).length == 0) return;
        uint256 chainId = book.readUint(".chainId");
        if (chainId != block.chainid) {
            revert(
                string.concat(
                    "Deploy: ",
                    outputPath,
                    " holds the deployment of chain ",
                    vm.toString(chainId),
                    ", not of this chain (",
                    vm.toString(block.chainid),
                    "). Choose another output path."
                )
            );
        }
        string[] memory names = vm.parseJsonKeys(book, ".contracts");
        for (uint256 i; i < names.length; ++i) {
            address at = book.readAddress(string.concat(".contracts.", names[i], ".address"));
            if (at.code.length != 0) {
                revert(
                    string.concat(
                        "Deploy: Plaza is already deployed on chain ",
                        vm.toString(block.chainid),
                        " (",
                        names[i],
                        " at ",
                        vm.toString(at),
                        ", listed in ",
                        outputPath,
                        "). Refusing to deploy again: nothing was sent. To deploy a second copy, write it to another output path."
                    )
                );
            }
        }
    }

    /// @dev Validates what the contracts would otherwise reject with less helpful errors, before any deployment.
    function _checkConfig() internal view {
        if (bytes(_network).length == 0) revert("Deploy: config .network must be a non-empty string");
        _adminDelay();
        _checkAccount(".roles.admin");
        _checkAccount(".roles.masterMinter");
        _checkAccount(".roles.pauser");
        _checkAccount(".roles.rescuer");
        _checkAccounts(".compliance.attesters");
        _checkAccounts(".compliance.exempt");
        _checkJurisdictions(".compliance.sanctionedJurisdictions");
        for (uint256 i; _has(_at(".compliance.policies", i)); ++i) {
            string memory key = _at(".compliance.policies", i);
            if (bytes(_string(string.concat(key, ".name"))).length == 0) {
                revert(string.concat("Deploy: config ", key, ".name must be a non-empty string"));
            }
            _uint8(string.concat(key, ".minKycLevel"));
            if (_uint16(string.concat(key, ".minCreditScore")) > 1000) {
                revert(string.concat("Deploy: config ", key, ".minCreditScore must be at most 1000"));
            }
            _checkJurisdictions(string.concat(key, ".blockedJurisdictions"));
        }
        if (_eq(_string(".stablecoin.usdc"), "mock")) {
            if (!(_has(".devChain") && _config.readBool(".devChain"))) {
                revert("Deploy: stablecoin.usdc = \"mock\" needs \"devChain\": true (MockUSDC is a faucet token)");
            }
            if (_isMainnet()) revert("Deploy: refusing to deploy MockUSDC on a mainnet");
        } else {
            address configured = vm.parseAddress(_string(".stablecoin.usdc"));
            if (configured.code.length == 0) revert("Deploy: stablecoin.usdc has no code on this chain");
        }
        uint256 ceiling = _uint(".psm.debtCeilingPusd");
        if (ceiling == 0 || ceiling > type(uint104).max / 1e18) {
            revert("Deploy: psm.debtCeilingPusd must be between 1 and 20282409603651 (whole pUSD)");
        }
        if (_uint(".psm.tinBps") > 1000 || _uint(".psm.toutBps") > 1000) {
            revert("Deploy: psm.tinBps and psm.toutBps must be at most 1000 (10%)");
        }
        uint256 sum;
        uint256 count;
        for (; _has(_at(".fees.recipients", count)); ++count) {
            _checkAccount(string.concat(_at(".fees.recipients", count), ".account"));
            sum += _uint16(string.concat(_at(".fees.recipients", count), ".bps"));
        }
        if (count == 0 || count > 8) revert("Deploy: fees.recipients must list 1 to 8 recipients");
        if (sum != 10_000) {
            revert(string.concat("Deploy: fees.recipients bps add up to ", vm.toString(sum), ", not 10000"));
        }
    }

    /// @dev An account key must be `"deployer"`, an address, or `"@Name"` (resolved once that contract exists).
    function _checkAccount(string memory key) internal view {
        string memory value = _string(key);
        if (bytes(value).length < 2 || bytes(value)[0] != "@") _resolve(value, key);
    }

    function _checkAccounts(string memory key) internal view {
        string[] memory values = _strings(key);
        for (uint256 i; i < values.length; ++i) {
            if (bytes(values[i]).length < 2 || bytes(values[i])[0] != "@") _resolve(values[i], key);
        }
    }

    function _checkJurisdictions(string memory key) internal view {
        string[] memory codes = _strings(key);
        for (uint256 i; i < codes.length; ++i) {
            bytes2 code = _jurisdiction(codes[i]);
            if (code[0] < "A" || code[0] > "Z" || code[1] < "A" || code[1] > "Z") {
                revert(string.concat("Deploy: config ", key, " has ", codes[i], ": use ISO 3166-1 alpha-2 (e.g. US)"));
            }
        }
    }

    // -------------------------------------------------------------------------------------------------------------
    // Address book
    // -------------------------------------------------------------------------------------------------------------

    function _record(string memory name, address at) internal {
        _names.push(name);
        _deployed[name] = at;
        console.log("Deploy: %s %s", name, at);
    }

    /// @dev `block` is the chain's block when the deployment started: a lower bound of each contract's deployment
    /// block (a script cannot see the receipts of what it broadcasts). `tools/deploy.mjs` replaces it with the
    /// exact block from the broadcast receipts.
    function _writeAddressBook(string memory outputPath) internal {
        string memory json = _addressBookJson();
        if (vm.isContext(VmSafe.ForgeContext.ScriptDryRun)) {
            console.log("Deploy: dry run, address book not written to %s:", outputPath);
            console.log(json);
            return;
        }
        vm.writeFile(outputPath, json);
        console.log("Deploy: address book written to %s", outputPath);
    }

    function _addressBookJson() internal view returns (string memory json) {
        json = string.concat(
            '{\n  "chainId": ', vm.toString(block.chainid), ',\n  "network": "', _network, '",\n  "contracts": {'
        );
        for (uint256 i; i < _names.length; ++i) {
            json = string.concat(
                json,
                i == 0 ? "\n" : ",\n",
                '    "',
                _names[i],
                '": { "address": "',
                vm.toString(_deployed[_names[i]]),
                '", "block": ',
                vm.toString(_startBlock),
                " }"
            );
        }
        json = string.concat(json, "\n  }\n}\n");
    }

    // -------------------------------------------------------------------------------------------------------------
    // Config readers (with the key in every error)
    // -------------------------------------------------------------------------------------------------------------

    function _has(string memory key) internal view returns (bool) {
        return vm.keyExistsJson(_config, key);
    }

    function _require(string memory key) internal view {
        if (!_has(key)) revert(string.concat("Deploy: config is missing ", key));
    }

    function _at(string memory key, uint256 index) internal pure returns (string memory) {
        return string.concat(key, "[", vm.toString(index), "]");
    }

    function _string(string memory key) internal view returns (string memory) {
        _require(key);
        return _config.readString(key);
    }

    function _strings(string memory key) internal view returns (string[] memory) {
        if (!_has(key)) return new string[](0);
        return _config.readStringArray(key);
    }

    function _uint(string memory key) internal view returns (uint256) {
        _require(key);
        return _config.readUint(key);
    }

    function _uint8(string memory key) internal view returns (uint8) {
        uint256 value = _uint(key);
        if (value > type(uint8).max) revert(string.concat("Deploy: config ", key, " does not fit uint8"));
        // forge-lint: disable-next-line(unsafe-typecast)
        return uint8(value);
    }

    function _uint16(string memory key) internal view returns (uint16) {
        uint256 value = _uint(key);
        if (value > type(uint16).max) revert(string.concat("Deploy: config ", key, " does not fit uint16"));
        // forge-lint: disable-next-line(unsafe-typecast)
        return uint16(value);
    }

    function _adminDelay() internal view returns (uint48) {
        uint256 value = _uint(".roles.adminDelay");
        if (value > type(uint48).max) revert("Deploy: config .roles.adminDelay does not fit uint48");
        // forge-lint: disable-next-line(unsafe-typecast)
        return uint48(value);
    }

    /// @dev An account in the config: `"deployer"`, `"@ContractName"` (deployed earlier in this run) or an address.
    function _address(string memory key) internal view returns (address) {
        return _resolve(_string(key), key);
    }

    function _addresses(string memory key) internal view returns (address[] memory accounts) {
        string[] memory values = _strings(key);
        accounts = new address[](values.length);
        for (uint256 i; i < values.length; ++i) {
            accounts[i] = _resolve(values[i], key);
        }
    }

    function _resolve(string memory value, string memory key) internal view returns (address account) {
        bytes memory raw = bytes(value);
        if (_eq(value, "deployer")) return deployer;
        if (raw.length > 1 && raw[0] == "@") {
            bytes memory name = new bytes(raw.length - 1);
            for (uint256 i; i < name.length; ++i) {
                name[i] = raw[i + 1];
            }
            account = _deployed[string(name)];
            if (account == address(0)) {
                revert(string.concat("Deploy: config ", key, " names ", value, ", which is not deployed (yet)"));
            }
            return account;
        }
        if (raw.length != 42 || raw[0] != "0" || raw[1] != "x") {
            revert(string.concat("Deploy: config ", key, ' must be "deployer", "@Contract" or an address: ', value));
        }
        account = vm.parseAddress(value);
        if (account == address(0)) revert(string.concat("Deploy: config ", key, " is the zero address"));
    }

    function _jurisdiction(string memory code) internal pure returns (bytes2) {
        bytes memory raw = bytes(code);
        if (raw.length != 2) revert(string.concat("Deploy: jurisdiction must be two letters: ", code));
        return bytes2(raw);
    }

    /// @dev Chains where `"usdc": "mock"` is refused: a faucet token must never back pUSD where value is real.
    function _isMainnet() internal view returns (bool) {
        uint256 id = block.chainid;
        return id == 1 || id == 10 || id == 56 || id == 100 || id == 137 || id == 8453 || id == 42_161 || id == 43_114;
    }

    function _eq(string memory a, string memory b) internal pure returns (bool) {
        return keccak256(bytes(a)) == keccak256(bytes(b));
    }
}
