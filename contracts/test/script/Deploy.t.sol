// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Deploy} from "../../script/Deploy.s.sol";
import {ComplianceRegistry} from "../../src/compliance/ComplianceRegistry.sol";
import {FeeCollector} from "../../src/fees/FeeCollector.sol";
import {LiquidityIncentives} from "../../src/incentives/LiquidityIncentives.sol";
import {IComplianceRegistry} from "../../src/interfaces/IComplianceRegistry.sol";
import {Id, MarketParams} from "../../src/interfaces/ILendingHub.sol";
import {ProgramKey} from "../../src/interfaces/ILiquidityIncentives.sol";
import {INavOracle} from "../../src/interfaces/INavOracle.sol";
import {PaymentInfo} from "../../src/interfaces/IPaymentProcessor.sol";
import {IUniswapV3Pool} from "../../src/interfaces/uniswap/IUniswapV3.sol";
import {KinkedRateModel} from "../../src/lending/KinkedRateModel.sol";
import {LendingHub} from "../../src/lending/LendingHub.sol";
import {LendingLens} from "../../src/lending/LendingLens.sol";
import {SavingsVault} from "../../src/lending/SavingsVault.sol";
import {MockUSDC} from "../../src/mocks/MockUSDC.sol";
import {NavFeedAdapter} from "../../src/oracle/NavFeedAdapter.sol";
import {NavOracle} from "../../src/oracle/NavOracle.sol";
import {AdvancePool} from "../../src/payfi/AdvancePool.sol";
import {MerchantRegistry} from "../../src/payfi/MerchantRegistry.sol";
import {PaymentProcessor} from "../../src/payfi/PaymentProcessor.sol";
import {PegStabilityModule} from "../../src/psm/PegStabilityModule.sol";
import {RwaShareToken} from "../../src/rwa/RwaShareToken.sol";
import {PlazaUSD} from "../../src/stablecoin/PlazaUSD.sol";
import {UniswapV3Deployer} from "../utils/UniswapV3Deployer.sol";
import {ERC1967Utils} from "@openzeppelin/contracts/proxy/ERC1967/ERC1967Utils.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
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
    address internal manager = 0xBcd4042DE499D14e55001CcbB24a551F3b954096;
    address[3] internal reporters = [
        0x71bE63f3384f5fb98995898A86B02Fb2426c5788,
        0xFABB0ac9d68B0B445fB7357272Ff202C5651694a,
        0x1CBd3b2770909D4e10f157cABC84C7264073C9Ec
    ];

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

        // FeeCollector: the configured split, LP fee sharing notified.
        FeeCollector.Recipient[] memory recipients = script.feeCollector().recipients();
        assertEq(recipients.length, 3);
        assertEq(recipients[0].account, treasury);
        assertEq(recipients[0].bps, 6000);
        assertEq(recipients[1].account, reserve);
        assertEq(recipients[1].bps, 2000);
        assertEq(recipients[2].account, address(script.incentives()));
        assertEq(recipients[2].bps, 2000);
        assertTrue(recipients[2].notify);
        assertFalse(recipients[0].notify);
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
        assertEq(script.pusd().balanceOf(treasury), 0.3e18);
        assertEq(script.pusd().balanceOf(reserve), 0.1e18);
        // The LP share funds the pUSD fee-share stream (notified by the collector).
        ProgramKey memory stream = script.feeShareStream();
        (uint128 funded,) = script.incentives().streams(keccak256(abi.encode(stream)));
        assertEq(funded, 0.1e18);

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
        string[28] memory expected = [
            "ComplianceRegistry",
            "PlazaUSDImplementation",
            "PlazaUSD",
            "MockUSDC",
            "FeeCollector",
            "PegStabilityModule",
            "NavOracle",
            "RwaShareToken_HRBR",
            "NavFeedAdapter_HRBR",
            "RwaShareToken_MSMR",
            "NavFeedAdapter_MSMR",
            "LendingHub",
            "KinkedRateModel_Property",
            "KinkedRateModel_Receivables",
            "LendingLens",
            "SavingsVault",
            "MerchantRegistry",
            "PaymentProcessor",
            "LoyaltyPointsImplementation",
            "AdvancePool",
            "WETH9",
            "UniswapV3Factory",
            "NFTDescriptor",
            "NonfungibleTokenPositionDescriptor",
            "NonfungiblePositionManager",
            "SwapRouter",
            "PusdUsdcPool",
            "LiquidityIncentives"
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
        assertEq(script.lendingHub().owner(), deployer);
        assertEq(script.lendingHub().pendingOwner(), admin);
        address[9] memory adminRules = [
            address(script.registry()),
            address(script.feeCollector()),
            address(script.psm()),
            address(script.oracle()),
            address(script.rwaTokens()[0]),
            address(script.rwaTokens()[1]),
            address(script.savingsVault()),
            address(script.merchantRegistry()),
            address(script.advancePool())
        ];
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

    function test_UsesAConfiguredUsdcAndUniswapInsteadOfDeployingThem() public {
        MockUSDC external_ = new MockUSDC();
        UniswapV3Deployer.Contracts memory uni = UniswapV3Deployer.deploy();
        string memory config =
            _config('"usdc": "mock"', string.concat('"usdc": "', vm.toString(address(external_)), '"'));
        config = vm.replace(config, '"devChain": true', '"devChain": false');
        config = vm.replace(
            config,
            '"uniswap": "deploy"',
            string.concat(
                '"uniswap": { "positionManager": "',
                vm.toString(address(uni.positionManager)),
                '", "swapRouter": "',
                vm.toString(address(uni.swapRouter)),
                '" }'
            )
        );
        script.deploy(config);
        assertEq(address(script.psm().gem()), address(external_));
        assertEq(address(script.positionManager()), address(uni.positionManager));
        assertEq(address(script.swapRouter()), address(uni.swapRouter));
        assertEq(address(script.incentives().positionManager()), address(uni.positionManager));
        assertEq(
            address(script.pusdUsdcPool()),
            uni.factory.getPool(address(script.pusd()), address(external_), UniswapV3Deployer.FEE_LOWEST)
        );
        (string[] memory names,) = script.deployedContracts();
        for (uint256 i; i < names.length; ++i) {
            assertFalse(vm.contains(names[i], "MockUSDC"));
            assertFalse(vm.contains(names[i], "UniswapV3Factory"));
            assertFalse(vm.contains(names[i], "NonfungiblePositionManager"));
        }
    }

    function test_ResolvesContractReferencesAndExemptions() public {
        string memory config = vm.replace(
            anvilConfig, '"account": "0x23618e81E3f5cdF7f54C3d65f7FBc0aBf5B21E8f"', '"account": "@PegStabilityModule"'
        );
        config = vm.replace(
            config, '"exempt": ["@LendingHub"]', '"exempt": ["@LendingHub", "@PegStabilityModule", "deployer"]'
        );
        script.deploy(config);
        assertEq(script.feeCollector().recipients()[1].account, address(script.psm()));
        assertTrue(script.registry().isExempt(address(script.psm())));
        assertTrue(script.registry().isExempt(script.deployer()));
        assertTrue(script.registry().isAllowed(keccak256("accredited"), address(script.psm())));
        IComplianceRegistry.Record memory record = script.registry().recordOf(address(script.psm()));
        assertEq(record.kycLevel, 0);
    }

    function test_RejectsInvalidConfigsWithTheKeyInTheMessage() public {
        _expectRevertContaining(_config('"bps": 6000', '"bps": 5000'), "fees.recipients bps add up to 9000, not 10000");
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

    function test_RejectsInvalidModuleConfigsWithTheKeyInTheMessage() public {
        _expectRevertContaining(
            _config('"unbondingDelay": 604800', '"unbondingDelay": 60'),
            "config .oracle.unbondingDelay must be between 3600 and 7776000 seconds"
        );
        _expectRevertContaining(
            _config('"symbol": "HRBR"', '"symbol": "HR-BR"'),
            "config .rwa.assets[0].symbol must be 1 to 11 letters or digits"
        );
        _expectRevertContaining(
            _config('"symbol": "MSMR"', '"symbol": "HRBR"'), "config .rwa.assets[1].symbol repeats HRBR"
        );
        _expectRevertContaining(
            _config('"policy": "accredited"', '"policy": "vip"'),
            "config .rwa.assets[0].policy names policy vip, which compliance.policies does not define"
        );
        _expectRevertContaining(
            _config('"streamDuration": 604800', '"streamDuration": 60'),
            "config .rwa.assets[1].streamDuration must be between 3600 and 63072000 seconds"
        );
        _expectRevertContaining(
            _config('"quorum": 3', '"quorum": 0'), "config .rwa.assets[0].feed.quorum must be 1 to 31"
        );
        _expectRevertContaining(
            _config('"minBondPusd": 1000', '"minBondPusd": 0'),
            "config .rwa.assets[0].feed.minBondPusd must be positive"
        );
        _expectRevertContaining(
            _config('"tierFeesBps": [100, 50, 25]', '"tierFeesBps": [100, 1001]'),
            "config .payfi.tierFeesBps must be at most 1000 (10%) each"
        );
        _expectRevertContaining(
            _config('"referralShareBps": 2000', '"referralShareBps": 6001'),
            "config .payfi.referralShareBps must be at most 6000"
        );
        _expectRevertContaining(
            _config('"maxAdvanceRateBps": 9000', '"maxAdvanceRateBps": 4000'),
            "config .payfi.advancePool needs minCreditScore <= 1000, minAdvanceRateBps <= maxAdvanceRateBps"
        );
        _expectRevertContaining(
            _config('"poolFee": 100', '"poolFee": 200'), "config .incentives.poolFee must be a Uniswap v3 fee tier"
        );
        _expectRevertContaining(
            _config('"uniswap": "deploy"', '"uniswap": "yes"'), 'config .incentives.uniswap must be "deploy"'
        );
        _expectRevertContaining(
            _config('"bandTicks": 20', '"bandTicks": 0'), "config .incentives.stream.bandTicks must be 1 to 10000"
        );
        _expectRevertContaining(
            _config('"ratePusdPerDay": 50', '"ratePusdPerDay": 0'),
            "config .incentives.stream.ratePusdPerDay must be positive"
        );
        _expectRevertContaining(
            _config('"guardians": ["deployer"]', '"guardians": ["guardian"]'),
            'config .oracle.guardians must be "deployer", "@Contract" or an address: guardian'
        );
    }

    function test_RejectsInvalidLendingAndSavingsConfigsWithTheKeyInTheMessage() public {
        _expectRevertContaining(
            _config('"lltvBps": 7700', '"lltvBps": 10000'), "config .lending.markets[0].lltvBps must be 1 to 9999"
        );
        _expectRevertContaining(
            _config('"collateral": "MSMR"', '"collateral": "GOLD"'),
            "config .lending.markets[1].collateral names GOLD, which rwa.assets does not define"
        );
        _expectRevertContaining(
            _config('"collateral": "MSMR"', '"collateral": "HRBR"'),
            "config .lending.markets[1].collateral repeats HRBR"
        );
        _expectRevertContaining(
            _config('"rateModel": "Receivables"', '"rateModel": "Teaser"'),
            "config .lending.markets[1].rateModel names rate model Teaser"
        );
        _expectRevertContaining(
            _config('"kinkBps": 8000', '"kinkBps": 10000'), "config .lending.rateModels[0].kinkBps must be 1 to 9999"
        );
        _expectRevertContaining(
            _config('"slope2AprBps": 6000', '"slope2AprBps": 99600'),
            "config .lending.rateModels[0] base + slope1 + slope2 must be at most 100000 bps"
        );
        _expectRevertContaining(
            _config('"reserveFactorBps": 1500', '"reserveFactorBps": 5001'),
            "config .lending.markets[1].reserveFactorBps must be at most 5000"
        );
        _expectRevertContaining(
            _config('"exempt": ["@LendingHub"]', '"exempt": []'), 'config .compliance.exempt must list "@LendingHub"'
        );
        _expectRevertContaining(
            _config('"performanceFeeBps": 1000', '"performanceFeeBps": 5001'),
            "config .savings.performanceFeeBps must be at most 5000"
        );
        _expectRevertContaining(
            _config('"vestingPeriod": 86400', '"vestingPeriod": 60'), "config .savings.vestingPeriod must be between"
        );
        _expectRevertContaining(
            _config('{ "market": "MSMR", "capPusd": 2000000 }', '{ "market": "GOLD", "capPusd": 2000000 }'),
            "config .savings.caps[1].market names GOLD, which no lending.markets entry lends against"
        );
        _expectRevertContaining(
            _config('"supplyQueue": ["HRBR", "MSMR"]', '"supplyQueue": ["HRBR", "HRBR"]'),
            "config .savings.supplyQueue repeats HRBR"
        );
    }

    function test_DeploysLendingMarketsTheLensAndTheSavingsVault() public {
        script.deploy(anvilConfig);
        address deployer = script.deployer();
        LendingHub hub = script.lendingHub();

        // Hub: owner, FeeCollector, defaults, roles, the hub exempt so that it may hold permissioned shares.
        assertEq(hub.owner(), deployer);
        assertEq(hub.feeCollector(), address(script.feeCollector()));
        (uint16 defaultReserveFactor, uint72 defaultMinLeftover) = hub.defaults();
        assertEq(defaultReserveFactor, 1000);
        assertEq(defaultMinLeftover, 100e18);
        assertTrue(hub.isRiskManager(deployer));
        assertTrue(hub.isGuardian(deployer));
        assertEq(address(hub.complianceRegistry()), address(script.registry()));
        assertTrue(script.registry().isExempt(address(hub)));
        assertEq(address(script.lendingLens().hub()), address(hub));

        // Rate models: APRs in bps as per-second WAD rates.
        KinkedRateModel[] memory models = script.rateModels();
        assertEq(models.length, 2);
        assertEq(models[0].baseRate(), uint256(0.01e18) / 365 days);
        assertEq(models[0].slope1(), uint256(0.04e18) / 365 days);
        assertEq(models[0].kink(), 0.8e18);
        assertEq(models[0].slope2(), uint256(0.6e18) / 365 days);
        assertEq(models[1].kink(), 0.9e18);
        assertTrue(hub.isRateModelEnabled(address(models[0])));
        assertTrue(hub.isRateModelEnabled(address(models[1])));

        // One market per asset: pUSD against the share, priced by its adapter, with its policy and config.
        assertEq(script.markets().length, 2);
        _assertMarket(0, 0.77e18, keccak256("accredited"));
        _assertMarket(1, 0.86e18, keccak256("retail"));
        _assertMarketConfig(script.marketIdOf("HRBR"), 1000, 100e18, 10_000_000e18, 8_000_000e18);
        _assertMarketConfig(script.marketIdOf("MSMR"), 1500, 50e18, 5_000_000e18, 4_000_000e18);

        // spUSD: allocating to both markets within its caps, HRBR first; roles as configured.
        SavingsVault vault = script.savingsVault();
        assertEq(vault.asset(), address(script.pusd()));
        assertEq(address(vault.hub()), address(hub));
        assertEq(vault.symbol(), "spUSD");
        assertEq(vault.name(), "Plaza Savings USD");
        assertEq(vault.decimals(), 24);
        assertEq(vault.feeRecipient(), address(script.feeCollector()));
        assertEq(vault.performanceFee(), 0.1e18);
        assertEq(vault.vestingPeriod(), 1 days);
        assertEq(vault.defaultAdmin(), deployer);
        (, uint96 hrbrCap) = vault.config(script.marketIdOf("HRBR"));
        (, uint96 msmrCap) = vault.config(script.marketIdOf("MSMR"));
        assertEq(hrbrCap, 5_000_000e18);
        assertEq(msmrCap, 2_000_000e18);
        assertEq(vault.supplyQueueLength(), 2);
        assertEq(Id.unwrap(vault.supplyQueue(0)), Id.unwrap(script.marketIdOf("HRBR")));
        assertEq(Id.unwrap(vault.supplyQueue(1)), Id.unwrap(script.marketIdOf("MSMR")));
        assertEq(vault.withdrawQueueLength(), 2);
        assertTrue(vault.hasRole(vault.CURATOR_ROLE(), deployer));
        assertTrue(vault.hasRole(vault.INCOME_SOURCE_ROLE(), deployer));
        assertTrue(vault.hasRole(vault.INCOME_SOURCE_ROLE(), manager));
        assertFalse(vault.hasRole(vault.INCOME_SOURCE_ROLE(), address(script.feeCollector())));
    }

    function test_SavingsFlowIntoAMarketAndAnRwaHolderBorrowsAgainstItsShares() public {
        script.deploy(anvilConfig);
        LendingHub hub = script.lendingHub();
        SavingsVault vault = script.savingsVault();
        MarketParams memory hrbr = script.markets()[0];
        Id id = script.marketIdOf("HRBR");

        // A NAV of 100 pUSD per share, reported and confirmed.
        NavOracle oracle = script.oracle();
        for (uint256 i; i < reporters.length; ++i) {
            _buyPusd(reporters[i], 1000e18);
            vm.startPrank(reporters[i]);
            script.pusd().approve(address(oracle), 1000e18);
            oracle.register(1, 1000e18);
            oracle.submit(1, 1, 100e18);
            vm.stopPrank();
        }
        vm.prank(script.deployer());
        oracle.confirmAnswer(1);

        // A saver's deposit is supplied to the HRBR market.
        address saver = makeAddr("saver");
        _buyPusd(saver, 10_000e18);
        vm.startPrank(saver);
        script.pusd().approve(address(vault), 10_000e18);
        vault.deposit(10_000e18, saver);
        vm.stopPrank();
        assertEq(vault.allocation(id), 10_000e18);

        // An accredited holder posts 100 shares (10,000 pUSD) and borrows 7,000 pUSD; a non-KYC'd account cannot.
        address alice = makeAddr("alice");
        _kyc(alice);
        RwaShareToken share = script.rwaTokens()[0];
        vm.prank(manager);
        share.mint(alice, 100e18);
        vm.startPrank(alice);
        share.approve(address(hub), 100e18);
        hub.supplyCollateral(hrbr, 100e18, alice);
        hub.borrow(hrbr, 7000e18, 0, alice, alice);
        vm.stopPrank();
        assertEq(script.pusd().balanceOf(alice), 7000e18);
        assertEq(script.lendingLens().healthFactor(hrbr, alice), uint256(7700e18) * 1e18 / 7000e18);
        vm.warp(block.timestamp + 1 hours);
        assertGt(vault.totalAssets(), 10_000e18);
    }

    function test_AFeeSplitMayNameTheSavingsVault() public {
        string memory config = _config(
            '"account": "0x23618e81E3f5cdF7f54C3d65f7FBc0aBf5B21E8f", "bps": 2000, "notify": false',
            '"account": "@SavingsVault", "bps": 2000, "notify": true'
        );
        script.deploy(config);
        SavingsVault vault = script.savingsVault();
        FeeCollector.Recipient[] memory recipients = script.feeCollector().recipients();
        assertEq(recipients[1].account, address(vault));
        assertTrue(recipients[1].notify);
        assertTrue(vault.hasRole(vault.INCOME_SOURCE_ROLE(), address(script.feeCollector())));
    }

    function test_RefusesToDeployUniswapOutsideADevChain() public {
        // An explicit USDC, so that only the Uniswap setting is wrong.
        MockUSDC external_ = new MockUSDC();
        string memory config =
            _config('"usdc": "mock"', string.concat('"usdc": "', vm.toString(address(external_)), '"'));
        config = vm.replace(config, '"devChain": true', '"devChain": false');
        _expectRevertContaining(config, 'incentives.uniswap = "deploy" needs "devChain": true');
    }

    function test_RejectsAReferenceToAContractItDoesNotDeploy() public {
        _expectRevertContaining(
            _config('"account": "0x23618e81E3f5cdF7f54C3d65f7FBc0aBf5B21E8f"', '"account": "@InsuranceFund"'),
            "config .fees.recipients[1].account names @InsuranceFund, which is not deployed (yet)"
        );
    }

    function test_RefusesMockUsdcOnAMainnet() public {
        vm.chainId(8453);
        _expectRevertContaining(anvilConfig, "refusing to deploy MockUSDC on a mainnet");
    }

    // ---------------------------------------------------------------------------------------------------------
    // Phase 2 modules

    function test_DeploysTheOracleAndTheRwaAssetsWithTheirFeeds() public {
        script.deploy(anvilConfig);
        address deployer = script.deployer();
        NavOracle oracle = script.oracle();
        assertEq(oracle.bondToken(), address(script.pusd()));
        assertEq(oracle.feeCollector(), address(script.feeCollector()));
        assertEq(oracle.unbondingDelay(), 7 days);
        assertTrue(oracle.hasRole(oracle.GUARDIAN_ROLE(), deployer));
        assertEq(oracle.defaultAdmin(), deployer);
        assertEq(oracle.feedCount(), 2);

        RwaShareToken[] memory tokens = script.rwaTokens();
        NavFeedAdapter[] memory adapters = script.navAdapters();
        assertEq(tokens.length, 2);
        assertEq(adapters.length, 2);
        assertEq(tokens[0].name(), "Harbor Point Commercial Property");
        assertEq(tokens[0].symbol(), "HRBR");
        assertEq(tokens[0].policyId(), keccak256("accredited"));
        assertEq(tokens[0].streamDuration(), 30 days);
        assertEq(tokens[1].symbol(), "MSMR");
        assertEq(tokens[1].policyId(), keccak256("retail"));
        assertEq(tokens[1].streamDuration(), 7 days);
        for (uint256 i; i < 2; ++i) {
            RwaShareToken token = tokens[i];
            assertEq(token.incomeToken(), address(script.pusd()));
            assertEq(token.complianceRegistry(), address(script.registry()));
            assertTrue(token.hasRole(token.ISSUER_ROLE(), manager));
            assertTrue(token.hasRole(token.DISTRIBUTOR_ROLE(), manager));
            assertFalse(token.hasRole(token.ISSUER_ROLE(), deployer));
            assertEq(token.defaultAdmin(), deployer);

            uint256 feedId = i + 1;
            assertEq(oracle.assetOf(feedId), address(token));
            assertEq(adapters[i].feedId(), feedId);
            assertEq(address(adapters[i].oracle()), address(oracle));
            assertEq(adapters[i].loanDecimals(), 18);
            assertEq(adapters[i].SCALE_FACTOR(), 1e18);
            for (uint256 j; j < reporters.length; ++j) {
                assertEq(
                    uint8(oracle.reporterOf(feedId, reporters[j]).status), uint8(INavOracle.ReporterStatus.Approved)
                );
            }
            (,,, INavOracle.FeedStatus status) = oracle.latestAnswer(feedId);
            assertEq(uint8(status), uint8(INavOracle.FeedStatus.None));
        }
        assertEq(oracle.description(1), "HRBR / pUSD NAV");
        INavOracle.FeedParams memory params = oracle.feedParams(1);
        assertEq(params.quorum, 3);
        assertEq(params.maxMoveBps, 500);
        assertEq(params.toleranceBps, 200);
        assertEq(params.jailThreshold, 3);
        assertEq(params.heartbeat, 1 days);
        assertEq(params.roundTimeout, 1 hours);
        assertEq(params.minRoundInterval, 0);
        assertEq(params.slashAmount, 100e18);
        assertEq(params.minBond, 1000e18);
        assertEq(oracle.feedParams(2).toleranceBps, 100);
    }

    function test_AReportedAndConfirmedNavPricesTheShareThroughItsAdapter() public {
        script.deploy(anvilConfig);
        NavOracle oracle = script.oracle();
        uint256[3] memory answers = [uint256(102e18), 100e18, 101e18];
        for (uint256 i; i < reporters.length; ++i) {
            _buyPusd(reporters[i], 1000e18);
            vm.startPrank(reporters[i]);
            script.pusd().approve(address(oracle), 1000e18);
            oracle.register(1, 1000e18);
            oracle.submit(1, 1, answers[i]);
            vm.stopPrank();
        }
        // The first answer always waits for a guardian.
        (,,, INavOracle.FeedStatus status) = oracle.latestAnswer(1);
        assertEq(uint8(status), uint8(INavOracle.FeedStatus.Frozen));
        vm.prank(script.deployer());
        oracle.confirmAnswer(1);
        assertEq(oracle.navOf(1), 101e18);
        assertEq(script.navAdapters()[0].price(), 101e18 * 1e18);
    }

    function test_DeploysPayFiWiredAsTheReadmeOrders() public {
        script.deploy(anvilConfig);
        address deployer = script.deployer();
        MerchantRegistry merchants = script.merchantRegistry();
        PaymentProcessor processor = script.paymentProcessor();
        AdvancePool pool = script.advancePool();
        assertEq(address(merchants.processor()), address(processor));
        assertEq(address(processor.registry()), address(merchants));
        assertEq(address(processor.pusd()), address(script.pusd()));
        assertEq(processor.feeCollector(), address(script.feeCollector()));
        assertEq(processor.advancePool(), address(pool));
        assertEq(merchants.merchantPolicy(), keccak256("retail"));
        assertEq(processor.tierFee(0), 100);
        assertEq(processor.tierFee(1), 50);
        assertEq(processor.tierFee(2), 25);
        assertEq(processor.tierFee(3), 0);
        assertEq(processor.referralShareBps(), 2000);
        assertGt(processor.loyaltyImplementation().code.length, 0);
        assertTrue(merchants.hasRole(merchants.MERCHANT_ADMIN_ROLE(), deployer));
        assertTrue(merchants.hasRole(merchants.FEE_ADMIN_ROLE(), deployer));

        assertEq(address(pool.processor()), address(processor));
        assertEq(pool.asset(), address(script.pusd()));
        AdvancePool.Parameters memory p = pool.parameters();
        assertEq(p.minCreditScore, 600);
        assertEq(p.minAdvanceRateBps, 5000);
        assertEq(p.maxAdvanceRateBps, 9000);
        assertEq(p.discountFeeBps, 100);
        assertEq(p.maxDebtPerMerchant, 1_000_000e18);
        assertTrue(pool.hasRole(pool.RISK_MANAGER_ROLE(), deployer));
    }

    function test_APaymentSettlesAndItsFeeReachesTheLpStream() public {
        script.deploy(anvilConfig);
        address merchant = makeAddr("merchant");
        address payer = makeAddr("payer");
        _kyc(merchant);
        MerchantRegistry merchants = script.merchantRegistry();
        vm.prank(merchant);
        merchants.register(merchant, 0, bytes32(0));
        _buyPusd(payer, 100e18);

        PaymentInfo memory info = PaymentInfo({
            payer: payer,
            merchant: merchant,
            token: address(script.pusd()),
            amount: 100e18,
            pointsRedeemed: 0,
            orderRef: "order-1",
            authorizationExpiry: uint48(block.timestamp + 1 hours),
            refundExpiry: uint48(block.timestamp + 1 hours),
            minFeeBps: 0,
            maxFeeBps: 100,
            referrer: address(0),
            autoCapture: true,
            salt: 1
        });
        PaymentProcessor processor = script.paymentProcessor();
        vm.startPrank(payer);
        script.pusd().approve(address(processor), 100e18);
        processor.pay(info);
        vm.stopPrank();
        (, uint256 claimable,) = processor.merchantBalances(merchant);
        assertEq(claimable, 99e18); // 1% tier-0 fee

        uint256 psmFees = script.pusd().balanceOf(address(script.feeCollector()));
        assertEq(processor.sweepFees(), 1e18);
        uint256 collected = script.pusd().balanceOf(address(script.feeCollector()));
        assertEq(collected, psmFees + 1e18);
        script.feeCollector().distribute(address(script.pusd()));
        (uint128 funded,) = script.incentives().streams(keccak256(abi.encode(script.feeShareStream())));
        // the last recipient (LP fee sharing) takes the remainder
        assertEq(funded, collected - collected * 6000 / 10_000 - collected * 2000 / 10_000);
        assertEq(script.pusd().balanceOf(address(script.incentives())), funded);
    }

    function test_DeploysUniswapThePoolAtParityAndTheIncentives() public {
        script.deploy(anvilConfig);
        address deployer = script.deployer();
        IUniswapV3Pool pool = script.pusdUsdcPool();
        LiquidityIncentives incentives = script.incentives();
        (address token0, address token1) = UniswapV3Deployer.sortTokens(address(script.pusd()), address(script.usdc()));
        assertEq(pool.token0(), token0);
        assertEq(pool.token1(), token1);
        assertEq(pool.fee(), 100);
        assertEq(pool.factory(), incentives.factory());
        (uint160 sqrtPriceX96, int24 tick,,,,,) = pool.slot0();
        assertEq(
            sqrtPriceX96,
            UniswapV3Deployer.sqrtPriceX96AtParity(
                token0 == address(script.pusd()) ? 18 : 6, token0 == address(script.pusd()) ? 6 : 18
            )
        );
        assertEq(tick, token0 == address(script.pusd()) ? int24(-276_325) : int24(276_324));

        assertEq(address(incentives.positionManager()), address(script.positionManager()));
        assertEq(incentives.feeCollector(), address(script.feeCollector()));
        assertEq(incentives.owner(), deployer);

        ProgramKey memory key = script.feeShareStream();
        assertEq(address(key.rewardToken), address(script.pusd()));
        assertEq(key.pool, address(pool));
        assertEq(key.refundee, treasury);
        assertEq(key.endTime, 0);
        assertEq(key.tickLower, tick - 20);
        assertEq(key.tickUpper, tick + 20);
        assertEq(key.rate, uint96(50e18) / 1 days);
        bytes32[] memory open = incentives.openStreams(IERC20(address(script.pusd())));
        assertEq(open.length, 1);
        assertEq(open[0], incentives.programId(key));
    }

    function test_HandsPayFiRolesAndTheIncentivesToTheConfiguredHolders() public {
        address ops = makeAddr("ops");
        address risk = makeAddr("risk");
        address owner = makeAddr("incentivesOwner");
        string memory config =
            _config('"merchantAdmins": ["deployer"]', string.concat('"merchantAdmins": ["', vm.toString(ops), '"]'));
        config = vm.replace(
            config,
            '"riskManagers": ["deployer"]',
            string.concat('"riskManagers": ["', vm.toString(risk), '", "deployer"]')
        );
        config = vm.replace(config, '"owner": "deployer"', string.concat('"owner": "', vm.toString(owner), '"'));
        script.deploy(config);
        address deployer = script.deployer();
        MerchantRegistry merchants = script.merchantRegistry();
        assertTrue(merchants.hasRole(merchants.MERCHANT_ADMIN_ROLE(), ops));
        assertFalse(merchants.hasRole(merchants.MERCHANT_ADMIN_ROLE(), deployer));
        assertTrue(merchants.hasRole(merchants.FEE_ADMIN_ROLE(), deployer));
        AdvancePool pool = script.advancePool();
        assertTrue(pool.hasRole(pool.RISK_MANAGER_ROLE(), risk));
        assertTrue(pool.hasRole(pool.RISK_MANAGER_ROLE(), deployer));
        LiquidityIncentives incentives = script.incentives();
        assertEq(incentives.owner(), deployer);
        assertEq(incentives.pendingOwner(), owner);
        vm.prank(owner);
        incentives.acceptOwnership();
        assertEq(incentives.owner(), owner);
    }

    function _assertMarket(uint256 i, uint256 lltv, bytes32 policyId) internal view {
        MarketParams memory p = script.markets()[i];
        LendingHub hub = script.lendingHub();
        assertEq(p.loanToken, address(script.pusd()));
        assertEq(p.collateralToken, address(script.rwaTokens()[i]));
        assertEq(p.oracle, address(script.navAdapters()[i]));
        assertEq(p.rateModel, address(script.rateModels()[i]));
        assertEq(p.lltv, lltv);
        assertEq(p.policyId, policyId);
        assertTrue(hub.isLltvEnabled(lltv));
        assertTrue(hub.isOracleEnabled(p.oracle));
        assertEq(Id.unwrap(script.marketIdOf(i == 0 ? "HRBR" : "MSMR")), keccak256(abi.encode(p)));
    }

    function _assertMarketConfig(
        Id id,
        uint256 reserveFactor,
        uint256 minLeftover,
        uint256 supplyCap,
        uint256 borrowCap
    ) internal view {
        LendingHub hub = script.lendingHub();
        (,,,, uint32 lastUpdate, uint16 rf, uint8 flags, uint72 leftover,) = hub.market(id);
        assertGt(lastUpdate, 0);
        assertEq(rf, reserveFactor);
        assertEq(flags, 4 | 8); // income-bearing collateral whose income (pUSD) can repay the loan
        assertEq(leftover, minLeftover);
        (uint128 supply, uint128 borrow) = hub.caps(id);
        assertEq(supply, supplyCap);
        assertEq(borrow, borrowCap);
    }

    function _buyPusd(address to, uint256 amount) internal {
        MockUSDC usdc = MockUSDC(address(script.usdc()));
        uint256 gem = amount / 1e12 + amount / 1e12 / 1000 + 1; // covers the 5 bps fee
        usdc.mint(to, gem);
        vm.startPrank(to);
        usdc.approve(address(script.psm()), gem);
        script.psm().sellGem(to, gem);
        vm.stopPrank();
    }

    function _kyc(address account) internal {
        ComplianceRegistry registry = script.registry();
        IComplianceRegistry.Record memory record = IComplianceRegistry.Record({
            kycLevel: 2,
            jurisdiction: "US",
            expiry: uint40(block.timestamp + 365 days),
            creditScore: 700,
            blocked: false
        });
        vm.prank(script.deployer());
        registry.setRecord(account, record);
    }
}
