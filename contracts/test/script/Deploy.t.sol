// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Deploy} from "../../script/Deploy.s.sol";
import {ComplianceRegistry} from "../../src/compliance/ComplianceRegistry.sol";
import {FeeCollector} from "../../src/fees/FeeCollector.sol";
import {IComplianceRegistry} from "../../src/interfaces/IComplianceRegistry.sol";
import {MockUSDC} from "../../src/mocks/MockUSDC.sol";
import {PegStabilityModule} from "../../src/psm/PegStabilityModule.sol";
import {PlazaUSD} from "../../src/stablecoin/PlazaUSD.sol";
import {ERC1967Utils} from "@openzeppelin/contracts/proxy/ERC1967/ERC1967Utils.sol";
import {stdJson} from "forge-std/StdJson.sol";
import {Test} from "forge-std/Test.sol";

/// @notice Runs the deployment script's logic on a fresh chain (the test EVM) and checks the wiring that
/// contracts/README's deployment order describes, the role handover, the address book and the refusals.
contract DeployTest is Test {
    using stdJson for string;

    Deploy internal script;
    string internal anvilConfig;
    string internal outputDir;

    address internal treasury = 0xa0Ee7A142d267C1f36714E4a8F75612F20a79720;
    address internal reserve = 0x23618e81E3f5cdF7f54C3d65f7FBc0aBf5B21E8f;

    function setUp() public {
        script = new Deploy();
        anvilConfig = vm.readFile(string.concat(vm.projectRoot(), "/deployments/config/anvil.json"));
        outputDir = string.concat(vm.projectRoot(), "/deployments/");
    }

    /// @dev A config for tests: the anvil one with some values replaced (JSON text substitution).
    function _config(string memory from, string memory to) internal view returns (string memory) {
        return vm.replace(anvilConfig, from, to);
    }

    function _output(string memory name) internal returns (string memory path) {
        path = string.concat(outputDir, "test-", name, ".local.json");
        if (vm.exists(path)) vm.removeFile(path);
    }

    function _expectRevertContaining(string memory config, string memory message) internal {
        try script.deploy(config) {
            revert("expected the deployment to revert");
        } catch Error(string memory reason) {
            assertTrue(vm.contains(reason, message), reason);
        }
    }

    // ---------------------------------------------------------------------------------------------------------

    function test_DeploysAndWiresTheStablecoinModules() public {
        script.deploy(anvilConfig);
        address deployer = script.deployer();

        // ComplianceRegistry: admin, attester, sanctions, policies, and pUSD as the blocklist mirror.
        assertEq(script.registry().defaultAdmin(), deployer);
        assertTrue(script.registry().hasRole(script.registry().ATTESTER_ROLE(), deployer));
        assertEq(address(script.registry().blocklistMirror()), address(script.pusd()));
        assertTrue(script.registry().isJurisdictionSanctioned("KP"));
        assertTrue(script.registry().isJurisdictionSanctioned("IR"));
        assertFalse(script.registry().isJurisdictionSanctioned("US"));
        (bool active, uint8 minKyc, uint16 minScore) = script.registry().policyOf(keccak256("accredited"));
        assertTrue(active);
        assertEq(minKyc, 2);
        assertEq(minScore, 650);
        assertTrue(script.registry().isPolicyJurisdictionBlocked(keccak256("accredited"), "RU"));
        (active, minKyc,) = script.registry().policyOf(keccak256("retail"));
        assertTrue(active);
        assertEq(minKyc, 1);

        // pUSD behind its proxy, initialized with the configured roles and the registry as blocklister.
        assertEq(
            address(uint160(uint256(vm.load(address(script.pusd()), ERC1967Utils.IMPLEMENTATION_SLOT)))),
            address(script.pusdImplementation())
        );
        assertEq(script.pusd().owner(), deployer);
        assertEq(script.pusd().masterMinter(), deployer);
        assertEq(script.pusd().pauser(), deployer);
        assertEq(script.pusd().rescuer(), deployer);
        assertEq(script.pusd().blocklister(), address(script.registry()));
        assertEq(script.pusd().symbol(), "pUSD");

        // PSM: the pUSD/USDC pair, fees, ceiling, pauser and an unlimited minter allowance.
        assertEq(address(script.psm().pusd()), address(script.pusd()));
        assertEq(address(script.psm().gem()), address(script.usdc()));
        assertEq(script.usdc().decimals(), 6);
        assertEq(script.psm().feeCollector(), address(script.feeCollector()));
        assertEq(script.psm().tin(), 5);
        assertEq(script.psm().tout(), 10);
        assertEq(script.psm().debtCeiling(), 100_000_000e18);
        assertTrue(script.psm().hasRole(script.psm().PAUSER_ROLE(), deployer));
        assertEq(script.psm().defaultAdmin(), deployer);
        assertTrue(script.pusd().isMinter(address(script.psm())));
        assertEq(script.pusd().minterAllowance(address(script.psm())), type(uint256).max);

        // FeeCollector: the configured split.
        FeeCollector.Recipient[] memory recipients = script.feeCollector().recipients();
        assertEq(recipients.length, 2);
        assertEq(recipients[0].account, treasury);
        assertEq(recipients[0].bps, 7000);
        assertEq(recipients[1].account, reserve);
        assertEq(recipients[1].bps, 3000);
        assertEq(script.feeCollector().defaultAdmin(), deployer);
    }

    function test_DeployedProtocolWorksEndToEnd() public {
        script.deploy(anvilConfig);
        address alice = makeAddr("alice");
        MockUSDC usdc = MockUSDC(address(script.usdc()));
        usdc.mint(alice, 1000e6);
        vm.startPrank(alice);
        usdc.approve(address(script.psm()), 1000e6);
        uint256 out = script.psm().sellGem(alice, 1000e6);
        vm.stopPrank();
        assertEq(out, 1000e18 - 0.5e18); // 5 bps
        assertEq(script.pusd().balanceOf(address(script.feeCollector())), 0.5e18);

        script.feeCollector().distribute(address(script.pusd()));
        assertEq(script.pusd().balanceOf(treasury), 0.35e18);
        assertEq(script.pusd().balanceOf(reserve), 0.15e18);

        // The attester blocks through the registry; pUSD's cache follows in the same transaction.
        ComplianceRegistry registry = script.registry();
        vm.prank(script.deployer());
        registry.setBlocked(alice, true);
        assertTrue(script.pusd().isBlocked(alice));
    }

    function test_AddressBookListsEveryContractInDeploymentOrder() public {
        string memory out = _output("book");
        string memory configPath = string.concat(outputDir, "test-book-config.local.json");
        vm.writeFile(configPath, anvilConfig);
        script.runWith(configPath, out);

        string memory book = vm.readFile(out);
        assertEq(book.readUint(".chainId"), block.chainid);
        assertEq(book.readString(".network"), "anvil");
        (string[] memory names, address[] memory addresses) = script.deployedContracts();
        string[6] memory expected = [
            "ComplianceRegistry", "PlazaUSDImplementation", "PlazaUSD", "MockUSDC", "FeeCollector", "PegStabilityModule"
        ];
        assertEq(names.length, expected.length);
        for (uint256 i; i < expected.length; ++i) {
            assertEq(names[i], expected[i]);
            assertEq(book.readAddress(string.concat(".contracts.", names[i], ".address")), addresses[i]);
            assertEq(book.readUint(string.concat(".contracts.", names[i], ".block")), block.number);
            assertGt(addresses[i].code.length, 0);
        }
        assertEq(book.readAddress(".contracts.PlazaUSD.address"), address(script.pusd()));
        vm.removeFile(configPath);
        vm.removeFile(out);
    }

    function test_RefusesToDeployAgainWhereTheAddressBookHasCode() public {
        string memory out = _output("rerun");
        string memory configPath = string.concat(outputDir, "test-rerun-config.local.json");
        vm.writeFile(configPath, anvilConfig);
        script.runWith(configPath, out);
        address registry = address(script.registry());

        Deploy again = new Deploy();
        try again.runWith(configPath, out) {
            revert("expected a refusal");
        } catch Error(string memory reason) {
            assertTrue(vm.contains(reason, "Plaza is already deployed on chain 31337"), reason);
            assertTrue(vm.contains(reason, vm.toString(registry)), reason);
            assertTrue(vm.contains(reason, "nothing was sent"), reason);
        }
        assertEq(address(again.registry()), address(0));
        vm.removeFile(configPath);
        vm.removeFile(out);
    }

    function test_OverwritesAnAddressBookWhoseContractsAreGone() public {
        string memory out = _output("stale");
        vm.writeFile(
            out,
            '{"chainId":31337,"network":"anvil","contracts":{"PlazaUSD":{"address":"0x00000000000000000000000000000000000000aa","block":1}}}'
        );
        string memory configPath = string.concat(outputDir, "test-stale-config.local.json");
        vm.writeFile(configPath, anvilConfig);
        script.runWith(configPath, out);
        assertEq(vm.readFile(out).readAddress(".contracts.PlazaUSD.address"), address(script.pusd()));
        vm.removeFile(configPath);
        vm.removeFile(out);
    }

    function test_RefusesAnAddressBookOfAnotherChain() public {
        string memory out = _output("otherchain");
        vm.writeFile(out, '{"chainId":8453,"network":"base","contracts":{}}');
        try script.runWith("unused.json", out) {
            revert("expected a refusal");
        } catch Error(string memory reason) {
            assertTrue(vm.contains(reason, "holds the deployment of chain 8453, not of this chain (31337)"), reason);
        }
        vm.removeFile(out);
    }

    function test_RefusesAMissingConfigFile() public {
        try script.runWith("deployments/config/nowhere.json", _output("noconfig")) {
            revert("expected a refusal");
        } catch Error(string memory reason) {
            assertEq(reason, "Deploy: no config file at deployments/config/nowhere.json");
        }
    }

    function test_HandsRolesToTheConfiguredHolders() public {
        address admin = makeAddr("governance");
        address masterMinter = makeAddr("issuerOps");
        string memory config = _config('"admin": "deployer"', string.concat('"admin": "', vm.toString(admin), '"'));
        config = vm.replace(config, '"adminDelay": 0', '"adminDelay": 86400');
        config = vm.replace(
            config, '"masterMinter": "deployer"', string.concat('"masterMinter": "', vm.toString(masterMinter), '"')
        );
        script.deploy(config);
        address deployer = script.deployer();

        assertEq(script.pusd().masterMinter(), masterMinter);
        assertEq(script.pusd().owner(), deployer);
        assertEq(script.pusd().pendingOwner(), admin);
        address[3] memory adminRules =
            [address(script.registry()), address(script.feeCollector()), address(script.psm())];
        for (uint256 i; i < adminRules.length; ++i) {
            (address pending, uint48 schedule) = FeeCollector(adminRules[i]).pendingDefaultAdmin();
            assertEq(pending, admin);
            assertEq(schedule, block.timestamp + 86_400);
            assertEq(FeeCollector(adminRules[i]).defaultAdminDelay(), 86_400);
        }

        // The new admin accepts (after the delay for the AccessControl contracts) and then governs.
        PlazaUSD pusd = script.pusd();
        PegStabilityModule psm = script.psm();
        vm.prank(admin);
        pusd.acceptOwnership();
        assertEq(pusd.owner(), admin);
        vm.warp(block.timestamp + 86_401);
        vm.prank(admin);
        psm.acceptDefaultAdminTransfer();
        assertEq(psm.defaultAdmin(), admin);
        vm.prank(admin);
        psm.setFees(0, 0);
        assertEq(psm.tin(), 0);
    }

    function test_UsesAConfiguredUsdcInsteadOfTheMock() public {
        MockUSDC external_ = new MockUSDC();
        string memory config =
            _config('"usdc": "mock"', string.concat('"usdc": "', vm.toString(address(external_)), '"'));
        config = vm.replace(config, '"devChain": true', '"devChain": false');
        script.deploy(config);
        assertEq(address(script.psm().gem()), address(external_));
        (string[] memory names,) = script.deployedContracts();
        for (uint256 i; i < names.length; ++i) {
            assertFalse(vm.contains(names[i], "MockUSDC"));
        }
    }

    function test_ResolvesContractReferencesAndExemptions() public {
        string memory config = vm.replace(
            anvilConfig, '"account": "0x23618e81E3f5cdF7f54C3d65f7FBc0aBf5B21E8f"', '"account": "@PegStabilityModule"'
        );
        config = vm.replace(config, '"exempt": []', '"exempt": ["@PegStabilityModule", "deployer"]');
        script.deploy(config);
        assertEq(script.feeCollector().recipients()[1].account, address(script.psm()));
        assertTrue(script.registry().isExempt(address(script.psm())));
        assertTrue(script.registry().isExempt(script.deployer()));
        assertTrue(script.registry().isAllowed(keccak256("accredited"), address(script.psm())));
        IComplianceRegistry.Record memory record = script.registry().recordOf(address(script.psm()));
        assertEq(record.kycLevel, 0);
    }

    function test_RejectsInvalidConfigsWithTheKeyInTheMessage() public {
        _expectRevertContaining(_config('"bps": 3000', '"bps": 2000'), "fees.recipients bps add up to 9000, not 10000");
        _expectRevertContaining(_config('"devChain": true', '"devChain": false'), 'needs "devChain": true');
        _expectRevertContaining(
            _config('"rescuer": "deployer"', '"rescuer": "ops"'),
            'config .roles.rescuer must be "deployer", "@Contract" or an address: ops'
        );
        _expectRevertContaining(
            _config('"tinBps": 5', '"tinBps": 1001'), "psm.tinBps and psm.toutBps must be at most 1000"
        );
        _expectRevertContaining(
            _config('"debtCeilingPusd": 100000000', '"debtCeilingPusd": 0'), "psm.debtCeilingPusd must be between 1"
        );
        _expectRevertContaining(_config('"pauser": "deployer",', ""), "config is missing .roles.pauser");
        _expectRevertContaining(_config('"CU", ', '"C", '), "jurisdiction must be two letters: C");
        _expectRevertContaining(
            _config('["RU"]', '["ru"]'),
            "config .compliance.policies[1].blockedJurisdictions has ru: use ISO 3166-1 alpha-2 (e.g. US)"
        );
        _expectRevertContaining(
            _config('"minCreditScore": 650', '"minCreditScore": 1001'),
            "config .compliance.policies[1].minCreditScore must be at most 1000"
        );
        _expectRevertContaining(
            _config('"attesters": ["deployer"]', '"attesters": ["0x0000000000000000000000000000000000000000"]'),
            "config .compliance.attesters is the zero address"
        );
    }

    function test_RejectsAReferenceToAContractItDoesNotDeploy() public {
        _expectRevertContaining(
            _config('"account": "0x23618e81E3f5cdF7f54C3d65f7FBc0aBf5B21E8f"', '"account": "@SavingsVault"'),
            "config .fees.recipients[1].account names @SavingsVault, which is not deployed (yet)"
        );
    }

    function test_RefusesMockUsdcOnAMainnet() public {
        vm.chainId(8453);
        _expectRevertContaining(anvilConfig, "refusing to deploy MockUSDC on a mainnet");
    }
}
